import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelayMs } from '../../../lib/background/backoff';

describe('the wait before the next attempt', () => {
  it('doubles its ceiling per attempt from about 2 s up to 5 min, with the whole range jittered', () => {
    const longest = (attempts: number) => retryDelayMs(attempts, DEFAULT_BACKOFF, () => 0.999_999);
    expect([1, 2, 3, 4].map(longest)).toEqual([1_999, 3_999, 7_999, 15_999]);
    expect(longest(20)).toBe(299_999);
    expect(retryDelayMs(5, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(retryDelayMs(3, DEFAULT_BACKOFF, () => 0.5)).toBe(4_000);
  });

  it('is never shorter than the platform asked with Retry-After', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelayMs(8, DEFAULT_BACKOFF, () => 0.5, 1_000)).toBe(128_000);
  });
});
