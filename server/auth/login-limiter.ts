/**
 * Refuses sign-ins for an email, or from a client address, that failed too often lately: password guessing against
 * one account, or against many from one place. Memory is bounded: past `maxKeys` tracked keys the oldest is forgotten
 * (a Map iterates in insertion order), so a flood of made-up emails cannot grow the server without limit.
 */
export interface LoginLimiter {
  /** Seconds until this email from this address may try again, or 0 when it may try now. */
  retryAfterSeconds(email: string, address: string): number;
  recordFailure(email: string, address: string): void;
  recordSuccess(email: string): void;
}

export interface LimiterOptions {
  perEmail?: { maxFailures: number; windowMs: number };
  perAddress?: { maxFailures: number; windowMs: number };
  maxKeys?: number;
  now?: () => number;
}

const DEFAULTS = {
  perEmail: { maxFailures: 10, windowMs: 60_000 },
  perAddress: { maxFailures: 50, windowMs: 5 * 60_000 },
  maxKeys: 10_000,
};

function failureWindow(limit: { maxFailures: number; windowMs: number }, maxKeys: number, now: () => number) {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = now() - limit.windowMs;
    const times = (failures.get(key) ?? []).filter((time) => time > since);
    failures.delete(key);
    if (times.length > 0) failures.set(key, times);
    return times;
  };
  return {
    wait(key: string): number {
      const times = recent(key);
      const oldest = times[0];
      if (times.length < limit.maxFailures || oldest === undefined) return 0;
      return Math.max(1, Math.ceil((oldest + limit.windowMs - now()) / 1000));
    },
    fail(key: string) {
      const times = [...recent(key), now()].slice(-limit.maxFailures);
      failures.set(key, times);
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value as string);
    },
    clear(key: string) {
      failures.delete(key);
    },
    size: () => failures.size,
  };
}

export function createLoginLimiter(options: LimiterOptions = {}): LoginLimiter & { trackedKeys(): number } {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? DEFAULTS.maxKeys;
  const byEmail = failureWindow(options.perEmail ?? DEFAULTS.perEmail, maxKeys, now);
  const byAddress = failureWindow(options.perAddress ?? DEFAULTS.perAddress, maxKeys, now);
  return {
    retryAfterSeconds: (email, address) => Math.max(byEmail.wait(email.toLowerCase()), byAddress.wait(address)),
    recordFailure(email, address) {
      byEmail.fail(email.toLowerCase());
      byAddress.fail(address);
    },
    recordSuccess: (email) => byEmail.clear(email.toLowerCase()),
    trackedKeys: () => byEmail.size() + byAddress.size(),
  };
}
