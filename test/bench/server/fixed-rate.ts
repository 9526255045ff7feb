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
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open loop: event i is due at start + i / rate and is sent then whatever happened to the ones before, on one of
 * `connections` keep-alive sockets (waiting in the agent when all are busy). Latency counts from the time it was due,
 * not from when it left, so a stall of the target shows in every event it delayed (no coordinated omission). Not
 * autocannon: its fixed-rate mode measures from the actual send, which hides exactly those stalls.
 */
export async function measureFixedRate(target: Target, ratePerSecond: number, durationMs: number, connections: number, prefix: string): Promise<FixedRateRun> {
  const client = new KeepAliveClient(target.url, connections);
  const next = eventStream(prefix);
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const intervalMs = 1000 / ratePerSecond;
  const latenciesMs: number[] = [];
  const refused: FixedRateRun['refused'] = {};
  const pending: Array<Promise<void>> = [];
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
      pending.push(
        client.request('POST', EVENTS_PATH, event, postHeaders(event, target.token)).then(
          (answer) => {
            latenciesMs.push(performance.now() - due);
            if (answer.status === 201) accepted += 1;
            else (refused[answer.status] ??= { count: 0, example: answer.body.slice(0, 200) }).count += 1;
          },
          (error: Error) => {
            latenciesMs.push(performance.now() - due);
            (refused[0] ??= { count: 0, example: error.message }).count += 1;
          },
        ),
      );
    }
    await Promise.all(pending);
  } finally {
    client.close();
  }
  return { latenciesMs, accepted, refused, worstSendLagMs };
}
