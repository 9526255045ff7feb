/** How many calls an intake takes in a burst, and how fast the allowance comes back. */
export interface IntakeLimits {
  burst: number;
  perSecond: number;
}

/** A bot flow sends one call per lead step; a busy ad campaign a few a second. Well above both, well below a flood. */
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = { burst: 120, perSecond: 20 };
/** Buckets kept at most; the least recently used goes first, so a flood of secrets cannot grow memory. */
const MAX_BUCKETS = 10_000;

export interface IntakeRateLimiter {
  /** Takes one call for `key`; undefined when allowed, else the seconds to wait. */
  take(key: string): number | undefined;
}

/** A token bucket per intake, in this process's memory (each server process limits on its own). */
export function createIntakeRateLimiter(
  limits: IntakeLimits = DEFAULT_INTAKE_LIMITS,
  now: () => number = Date.now,
): IntakeRateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limits.burst, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(limits.burst, bucket.tokens + ((time - bucket.at) / 1000) * limits.perSecond);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / limits.perSecond));
      bucket.tokens -= 1;
      return undefined;
    },
  };
}
