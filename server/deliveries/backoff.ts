/** When to try a delivery again after an attempt that may succeed later (5xx, 408, 429, no answer). */

export interface BackoffOptions {
  /** The first retry's delay, before jitter. */
  baseMs: number;
  /** No retry waits longer (before jitter), however many attempts failed. */
  maxMs: number;
  /** A tracker's Retry-After is honoured up to this, so one tracker cannot park a delivery for days. */
  retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 10 * 60_000, retryAfterCapMs: 10 * 60_000 };

/**
 * Exponential backoff with "equal jitter" (half fixed, half random): retries of many deliveries that failed together
 * spread out instead of hitting a recovering tracker at once. A Retry-After wins when given, capped.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), options.retryAfterCapMs);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}
