import { eventStream, postHeaders } from './events';
import { processCpuMs } from './process-cpu';
import { KeepAliveClient } from './http-client';
import { EVENTS_PATH, type Target } from './target';

export interface ThroughputRun {
  /** Events answered 201 per second of the run. */
  perSecond: number;
  accepted: number;
  /** Answers other than 201 by status (0: the connection failed), with the first body of each for the report. */
  refused: Record<string, { count: number; example: string }>;
  durationMs: number;
  /** CPU time the target's own process spent per event accepted (ms), when /proc tells. */
  cpuMsPerEvent?: number;
  /** When the run began and ended on the monotonic clock V8's profiler stamps its samples with (µs). */
  window: [startUs: number, endUs: number];
}

/** CLOCK_MONOTONIC in µs: the clock of process.hrtime and of V8's CPU profiles, the same in every process. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Closed loop: `connections` clients each post the next event as soon as the last one was answered, for `durationMs`.
 * Every 201 is a durable commit (the contract answers 201 only once the event is stored), so this is the rate of
 * durable commits the target sustains.
 */
export async function measureThroughput(
  target: Target,
  connections: number,
  durationMs: number,
  prefix: string,
): Promise<ThroughputRun> {
  const client = new KeepAliveClient(target.url, connections);
  const next = eventStream(prefix);
  const refused: ThroughputRun['refused'] = {};
  let accepted = 0;
  const cpuBefore = processCpuMs(target.pid);
  const windowStart = monotonicUs();
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const event = next();
      const answer = await client
        .request('POST', EVENTS_PATH, event, postHeaders(event, target.token))
        .catch((error: Error) => ({ status: 0, body: error.message }));
      if (answer.status === 201) accepted += 1;
      else {
        const entry = (refused[answer.status] ??= { count: 0, example: answer.body.slice(0, 200) });
        entry.count += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    client.close();
  }
  const elapsed = performance.now() - started;
  const window: ThroughputRun['window'] = [windowStart, monotonicUs()];
  const cpuAfter = processCpuMs(target.pid);
  const cpuMsPerEvent =
    cpuBefore !== undefined && cpuAfter !== undefined && accepted > 0 ? (cpuAfter - cpuBefore) / accepted : undefined;
  return { perSecond: (accepted * 1000) / elapsed, accepted, refused, durationMs: elapsed, cpuMsPerEvent, window };
}
