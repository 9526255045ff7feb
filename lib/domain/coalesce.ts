import { pause } from './pause';

/**
 * Wraps a reload so a burst of calls makes at most two runs: the one in flight and one more after it, which sees
 * everything that changed meanwhile. The background may write the outbox many times a second while it drains.
 *
 * With `restFactor`, a run that is wanted again waits `restFactor` times as long as the last run took before it
 * starts: a reload of a long list, on a busy machine, then takes at most 1 / (1 + restFactor) of the page's time. A
 * drain profile had the chat page spending half its time re-reading and re-rendering the panel's history, in the CPU
 * the drain itself needed. A call with nothing in flight still runs at once.
 */
export function coalesce(run: () => Promise<void>, restFactor = 0): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async (): Promise<void> => {
    try {
      do {
        again = false;
        const started = performance.now();
        await run();
        if (again && restFactor > 0) await pause((performance.now() - started) * restFactor);
      } while (again);
    } finally {
      running = undefined;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
