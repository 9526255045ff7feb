import { eventStream, postHeaders } from './events';
import { KeepAliveClient } from './http-client';
import { EVENTS_PATH, type Target } from './target';

export interface FixedRateRun {
  /** Per event: ms from the time it was due to be sent to its answer. */
  latenciesMs: number[];
  accepted: number;
  refused: Record<string, { count: number; example: string }>;
  /** How late the generator itself sent, worst case (ms): if this is large, the machine, not the target, was slow. */
  worstSendLagMs: number;
  /**
   * Events still unanswered when the run gave up on them (the target is far below the rate); each counts in
   * `latenciesMs` with its wait so far, so the percentiles are lower bounds. Slow, not wrong: not a refusal.
   */
  unanswered: number;
}

/** How long after the last event was due the run waits for answers: a target far below the rate is not waited out. */
const GRACE_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a target is given to work off what a run left it before the next target's run starts anyway. */
const CATCH_UP_MS = 120_000;

/**
 * Waits until the target has worked off what a run left it: the events the run gave up on are still being stored
 * after it ends. One more event on a fresh connection is answered after the requests that reached the target before
 * it. Without this wait, the next target's run shared the machine (CPU and disk syncs) with the last one's leftovers,
 * and the floor, run first, handed them to the server.
 */
export async function untilCaughtUp(target: Target, prefix: string): Promise<void> {
  const client = new KeepAliveClient(target.url, 1);
  const event = eventStream(prefix)();
  let timer: NodeJS.Timeout | undefined;
  try {
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CATCH_UP_MS)));
    await Promise.race([
      client.request('POST', EVENTS_PATH, event, postHeaders(event, target.token)).then(
        () => undefined,
        () => undefined,
      ),
      gaveUp,
    ]);
  } finally {
    clearTimeout(timer);
    client.close();
  }
}

/**
 * Open loop: event i is due at start + i / rate and is sent then whatever happened to the ones before, on one of
 * `connections` keep-alive sockets (waiting in the agent when all are busy). Latency counts from the time it was due,
 * not from when it left, so a stall of the target shows in every event it delayed (no coordinated omission). Not
 * autocannon: its fixed-rate mode measures from the actual send, which hides exactly those stalls.
 */
export async function measureFixedRate(
  target: Target,
  ratePerSecond: number,
  durationMs: number,
  connections: number,
  prefix: string,
): Promise<FixedRateRun> {
  const client = new KeepAliveClient(target.url, connections);
  const next = eventStream(prefix);
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const intervalMs = 1000 / ratePerSecond;
  const latenciesMs: number[] = [];
  const refused: FixedRateRun['refused'] = {};
  const pending: Array<Promise<void>> = [];
  const answered = new Set<number>();
  let accepted = 0;
  let worstSendLagMs = 0;
  const start = performance.now() + 20;
  try {
    for (let index = 0; index < total; index += 1) {
      const due = start + index * intervalMs;
      const wait = due - performance.now();
      // Every event already due goes now; a late timer sends a few at once rather than shifting the schedule.
      if (wait > 0) await sleep(wait);
      worstSendLagMs = Math.max(worstSendLagMs, performance.now() - due);
      const event = next();
      const sent = index;
      pending.push(
        client.request('POST', EVENTS_PATH, event, postHeaders(event, target.token)).then(
          (answer) => {
            if (answered.has(sent)) return;
            answered.add(sent);
            latenciesMs.push(performance.now() - due);
            if (answer.status === 201) accepted += 1;
            else (refused[answer.status] ??= { count: 0, example: answer.body.slice(0, 200) }).count += 1;
          },
          (error: Error) => {
            if (answered.has(sent)) return;
            answered.add(sent);
            latenciesMs.push(performance.now() - due);
            (refused[0] ??= { count: 0, example: error.message }).count += 1;
          },
        ),
      );
    }
    const lastDue = start + (total - 1) * intervalMs;
    let timer: NodeJS.Timeout | undefined;
    const givingUp = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, Math.max(0, lastDue + GRACE_MS - performance.now()))),
    );
    await Promise.race([Promise.all(pending), givingUp]);
    clearTimeout(timer);
  } finally {
    client.close();
  }
  const cutOff = performance.now();
  let unanswered = 0;
  for (let index = 0; index < total; index += 1) {
    if (answered.has(index)) continue;
    answered.add(index);
    unanswered += 1;
    latenciesMs.push(cutOff - (start + index * intervalMs));
  }
  return { latenciesMs, accepted, refused, worstSendLagMs, unanswered };
}
