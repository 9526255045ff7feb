/** Refuses logins for an email that failed too often lately, as a platform does against password guessing. */
export interface LoginLimiter {
  /** Seconds until this email may try again, or 0 when it may try now. */
  retryAfterSeconds(email: string): number;
  recordFailure(email: string): void;
  recordSuccess(email: string): void;
}

export function createLoginLimiter(maxFailures = 10, windowMs = 60_000, now = Date.now): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (email: string): number[] => {
    const since = now() - windowMs;
    const times = (failures.get(email) ?? []).filter((time) => time > since);
    failures.set(email, times);
    return times;
  };
  return {
    retryAfterSeconds(email) {
      const times = recent(email.toLowerCase());
      const oldest = times[0];
      if (times.length < maxFailures || oldest === undefined) return 0;
      return Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000));
    },
    recordFailure(email) {
      recent(email.toLowerCase()).push(now());
    },
    recordSuccess(email) {
      failures.delete(email.toLowerCase());
    },
  };
}
