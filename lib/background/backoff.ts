export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * How long to wait before attempt `attempts + 1`: exponential with full jitter, so many extensions retrying after
 * one outage do not come back in step; never sooner than the platform's Retry-After.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number, retryAfterMs = 0): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs);
}
