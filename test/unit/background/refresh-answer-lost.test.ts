import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { DEMO, sleep, startWorker, useTestSandbox } from './support';

const anna = { channel: 'telegram', externalId: '777001' } as const;
const REFRESH = 'POST /api/v1/auth/refresh';
const GRACE_SECONDS = 1;

describe('a refresh whose answer is lost', () => {
  let sandbox: Sandbox;
  /** A platform that, like the sandbox by default, still takes a spent refresh token for a grace period (short here). */
  useTestSandbox(
    (started) => {
      sandbox = started;
    },
    { refreshTokenGraceSeconds: GRACE_SECONDS },
  );

  // The platform rotated the token but its answer never arrived: the client still holds only the spent one, which
  // works only within the grace period. Asking again at once keeps the session, however long until the next call.
  it.each([
    [
      'the connection drops after the platform rotated the token',
      () => sandbox.faults.dropNext(1, { afterHandling: true, route: REFRESH }),
    ],
    [
      'the answer is unreadable',
      () => sandbox.faults.failNext(1, 200, { body: 'malformed', afterHandling: true, route: REFRESH }),
    ],
    [
      'the connection drops after the platform rotated the token and asking again meets a 503',
      () => {
        sandbox.faults.dropNext(1, { afterHandling: true, route: REFRESH });
        sandbox.faults.failNext(1, 503, { route: REFRESH });
      },
    ],
  ])('is asked again at once when %s, so the session outlives the grace period', async (_case, loseAnswer) => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    loseAnswer();

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });

    await sleep(GRACE_SECONDS * 1000 + 200);
    sandbox.faults.expireAccessTokens();
    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });
    expect(await handlers['session.get']({}, {})).toMatchObject({ signedIn: true });
  });

  it('is asked again three times at most: a platform that stays unreachable is not hammered', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.faults.dropNext(10, { route: REFRESH });

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({
      status: 'error',
      error: { code: 'network_error' },
    });
    expect(sandbox.stats()[REFRESH]).toEqual({ requests: 4, statuses: { dropped: 4 } });
    expect(await handlers['session.get']({}, {})).toMatchObject({ signedIn: true });
  });

  it('is not asked again when the platform answered with an error', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.faults.failNext(1, 503, { route: REFRESH });

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({
      status: 'error',
      error: { code: 'service_unavailable' },
    });
    expect(sandbox.stats()[REFRESH]?.requests).toBe(1);
  });
});

describe('a refresh whose answer is lost just before the platform goes unreachable', () => {
  let platform: Sandbox;
  useTestSandbox((started) => {
    platform = started;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps the session when the platform is back after the asks ran out, within the platform's default grace", async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    platform.faults.expireAccessTokens();
    platform.faults.dropNext(1, { afterHandling: true, route: REFRESH });
    platform.faults.dropNext(3, { route: REFRESH });
    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({
      status: 'error',
      error: { code: 'network_error' },
    });

    // The platform restarting, then the outbox's pause before it tries again: 20 s after the last ask.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 20_000);
    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });
    expect(await handlers['session.get']({}, {})).toMatchObject({ signedIn: true });
  });
});
