import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../server/auth/login-limiter';
import { MANAGER, call, errorOf, startTestServer } from './api/support';

async function loginMs(url: string, credentials: { email: string; password: string }): Promise<number> {
  const started = performance.now();
  const answer = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  await answer.text();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('sign-in defences', () => {
  it('takes as long for an unknown email as for a known one with a wrong password (both hash once)', async () => {
    // A cost high enough that a hash dominates a request: an unknown email answered without one would be far faster.
    const server = await startTestServer('sqlite', {
      passwordCost: { N: 2 ** 13, r: 8, p: 1 },
      loginLimits: {
        perEmail: { maxFailures: 100, windowMs: 60_000 },
        perAddress: { maxFailures: 100, windowMs: 60_000 },
      },
    });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      known.push(await loginMs(server.url, { email: MANAGER.email, password: 'not-the-password' }));
      unknown.push(await loginMs(server.url, { email: `nobody${round}@tracker.test`, password: 'not-the-password' }));
    }
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
    expect(median(unknown)).toBeLessThan(median(known) * 1.6);
  }, 30_000);

  it('throttles one client address that tries many emails, even for a right password', async () => {
    const server = await startTestServer('sqlite', {
      loginLimits: { perAddress: { maxFailures: 5, windowMs: 60_000 } },
    });
    expect((await call(server, '/api/v1/auth/login', { json: MANAGER })).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        (
          await call(server, '/api/v1/auth/login', {
            json: { email: `guess${attempt}@tracker.test`, password: 'guess' },
          })
        ).status,
      ).toBe(401);
    }
    const throttled = await call(server, '/api/v1/auth/login', { json: MANAGER });
    expect([throttled.status, errorOf(throttled.body).code]).toEqual([429, 'too_many_attempts']);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("counts a proxy's callers apart only when told to trust that proxy: a forged X-Forwarded-For dodges nothing", async () => {
    const limits = { perAddress: { maxFailures: 3, windowMs: 60_000 } };
    const guess = (server: { url: string }, attempt: number, forwardedFor: string) =>
      call(server, '/api/v1/auth/login', {
        json: { email: `guess${attempt}@tracker.test`, password: 'guess' },
        headers: { 'x-forwarded-for': forwardedFor },
      });

    const direct = await startTestServer('sqlite', { loginLimits: limits });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await guess(direct, attempt, `203.0.113.${attempt}`)).status).toBe(401);
    expect((await guess(direct, 9, '203.0.113.99')).status).toBe(429);

    const proxied = await startTestServer('sqlite', { loginLimits: limits, trustProxy: '127.0.0.1' });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await guess(proxied, attempt, '203.0.113.1')).status).toBe(401);
    expect((await guess(proxied, 9, '203.0.113.1')).status).toBe(429);
    expect((await guess(proxied, 10, '198.51.100.2')).status).toBe(401);
  });

  it('remembers a bounded number of emails and addresses, however many are tried', () => {
    const limiter = createLoginLimiter({ maxKeys: 100 });
    for (let index = 0; index < 10_000; index += 1)
      limiter.recordFailure(`user${index}@example.com`, `10.0.${index % 250}.${index % 200}`);
    expect(limiter.trackedKeys()).toBeLessThanOrEqual(200);
    for (let attempt = 0; attempt < 10; attempt += 1) limiter.recordFailure('target@example.com', '192.0.2.1');
    expect(limiter.retryAfterSeconds('TARGET@example.com', '198.51.100.7')).toBeGreaterThan(0);
  });
});
