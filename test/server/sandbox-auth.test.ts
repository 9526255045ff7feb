import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBodySchema, sessionSchema } from '../../lib/schemas/api';
import { BORIS, DEMO, call, signIn, startTestSandbox } from './sandbox-helpers';

const lookupBoris = `/api/v1/contacts/telegram/${BORIS.externalId}`;

afterEach(() => {
  vi.useRealTimers();
});

describe('sandbox sign-in', () => {
  it('answers a session for the demo operator', async () => {
    const sandbox = await startTestSandbox();
    const answer = await call(sandbox, '/api/v1/auth/login', { json: DEMO });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const session = sessionSchema.parse(answer.body);
    expect(session.operator).toEqual({ id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' });
    expect(session.expiresIn).toBe(900);
    expect((await call(sandbox, lookupBoris, { token: session.accessToken })).status).toBe(200);
  });

  it('refuses a wrong password or an unknown email with invalid_credentials', async () => {
    const sandbox = await startTestSandbox();
    for (const credentials of [
      { ...DEMO, password: 'nope' },
      { email: 'nobody@tracker.test', password: 'demo-password' },
    ]) {
      const answer = await call(sandbox, '/api/v1/auth/login', { json: credentials });
      expect(answer.status).toBe(401);
      expect(errorBodySchema.parse(answer.body).error.code).toBe('invalid_credentials');
    }
  });

  it('names the fields of a malformed login', async () => {
    const sandbox = await startTestSandbox();
    const answer = await call(sandbox, '/api/v1/auth/login', { json: { email: 'not an email', password: '' } });
    expect(answer.status).toBe(422);
    const { error } = errorBodySchema.parse(answer.body);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'password']);
  });

  it('answers 429 with Retry-After after ten failed logins in a minute for one email, even with the right password', async () => {
    const sandbox = await startTestSandbox();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await call(sandbox, '/api/v1/auth/login', { json: { ...DEMO, password: 'guess' } })).status).toBe(401);
    }
    const blocked = await call(sandbox, '/api/v1/auth/login', { json: DEMO });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (
        await call(sandbox, '/api/v1/auth/login', {
          json: { email: 'second@tracker.test', password: 'second-password' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('sandbox session', () => {
  const refresh = (sandbox: Awaited<ReturnType<typeof startTestSandbox>>, refreshToken: string) =>
    call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken } });

  it('rotates the refresh token: the new one works and keeps working', async () => {
    const sandbox = await startTestSandbox();
    const first = await signIn(sandbox);
    const refreshed = await refresh(sandbox, first.refreshToken);
    expect(refreshed.status).toBe(200);
    const second = sessionSchema.parse(refreshed.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const third = sessionSchema.parse((await refresh(sandbox, second.refreshToken)).body);
    expect((await call(sandbox, lookupBoris, { token: third.accessToken })).status).toBe(200);
  });

  it('takes a spent token again within the grace when its answer was lost', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 5 });
    const first = await signIn(sandbox);
    const lost = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 4_000);
    const retried = await refresh(sandbox, first.refreshToken);
    expect(retried.status).toBe(200);
    const kept = sessionSchema.parse(retried.body);
    expect(kept.refreshToken).not.toBe(lost.refreshToken);
    expect((await call(sandbox, lookupBoris, { token: kept.accessToken })).status).toBe(200);
    expect((await refresh(sandbox, kept.refreshToken)).status).toBe(200);
  });

  it('revokes the whole family when a spent token comes back after the grace (RFC 9700 §4.14.2)', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 5 });
    const first = await signIn(sandbox);
    const honest = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);
    expect((await call(sandbox, lookupBoris, { token: honest.accessToken })).status).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6_000);
    const replayed = await refresh(sandbox, first.refreshToken);
    expect([replayed.status, errorBodySchema.parse(replayed.body).error.code]).toEqual([401, 'session_expired']);
    // Whoever held the live chain is signed out too: the platform cannot tell the thief from the owner.
    expect((await refresh(sandbox, honest.refreshToken)).status).toBe(401);
    expect((await call(sandbox, lookupBoris, { token: honest.accessToken })).status).toBe(401);
  });

  it('revokes the family when a spent token comes back within the grace after its successor was used', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 60 });
    const first = await signIn(sandbox);
    const second = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);
    const third = sessionSchema.parse((await refresh(sandbox, second.refreshToken)).body);

    for (const replay of [first.refreshToken, first.refreshToken])
      expect((await refresh(sandbox, replay)).status).toBe(401);
    expect((await refresh(sandbox, third.refreshToken)).status).toBe(401);
    const audit = await sandbox.server.context.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'refresh_token_reuse')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('keeps the token its client got when the refresh it gave up on is handled after the one it asked again with', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 5 });
    const first = await signIn(sandbox);
    // A slow platform holds the first refresh past the client's timeout; the client asks again and that one is
    // handled first. The held one is handled last, for a client no longer listening.
    sandbox.faults.delayNext(1, 300, { route: 'POST /api/v1/auth/refresh' });
    const abandoned = refresh(sandbox, first.refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const kept = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);
    expect((await abandoned).status).toBe(200);

    const next = await refresh(sandbox, kept.refreshToken);
    expect(next.status).toBe(200);
    expect((await call(sandbox, lookupBoris, { token: sessionSchema.parse(next.body).accessToken })).status).toBe(200);
  });

  it('gives one new session, not two, when one spent token is replayed twice within the grace', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 60 });
    const first = await signIn(sandbox);
    await refresh(sandbox, first.refreshToken);
    const a = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);
    const b = sessionSchema.parse((await refresh(sandbox, first.refreshToken)).body);
    // The first of the unused successors to be spent is the family's one live chain; the others die with that.
    const chain = sessionSchema.parse((await refresh(sandbox, b.refreshToken)).body);
    expect((await call(sandbox, lookupBoris, { token: chain.accessToken })).status).toBe(200);
    // A second holder spending its token then means two parties hold the session: it ends for both.
    expect((await refresh(sandbox, a.refreshToken)).status).toBe(401);
    expect((await refresh(sandbox, chain.refreshToken)).status).toBe(401);
  });

  it('has no grace period when given 0: a spent refresh token is session_expired at once', async () => {
    const sandbox = await startTestSandbox({ refreshTokenGraceSeconds: 0 });
    const first = await signIn(sandbox);
    expect((await call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken: first.refreshToken } })).status).toBe(
      200,
    );
    const reused = await call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect([reused.status, errorBodySchema.parse(reused.body).error.code]).toEqual([401, 'session_expired']);
  });

  it('answers token_expired once the access token outlives its expiresIn, and unauthorized for none or an unknown one', async () => {
    const sandbox = await startTestSandbox({ accessTokenTtlSeconds: 60 });
    const session = await signIn(sandbox);
    expect(session.expiresIn).toBe(60);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);

    const expired = await call(sandbox, lookupBoris, { token: session.accessToken });
    expect(expired.status).toBe(401);
    expect(errorBodySchema.parse(expired.body).error.code).toBe('token_expired');
    for (const token of [undefined, 'made-up-token']) {
      const answer = await call(sandbox, lookupBoris, { token });
      expect(answer.status).toBe(401);
      expect(errorBodySchema.parse(answer.body).error.code).toBe('unauthorized');
    }
  });

  it('logs out with 204 and ends both tokens of that session', async () => {
    const sandbox = await startTestSandbox();
    const session = await signIn(sandbox);
    const other = await signIn(sandbox);
    const logout = await call(sandbox, '/api/v1/auth/logout', {
      json: { refreshToken: session.refreshToken },
      token: session.accessToken,
    });
    expect(logout.status).toBe(204);
    expect((await call(sandbox, lookupBoris, { token: session.accessToken })).status).toBe(401);
    expect((await call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } })).status).toBe(
      401,
    );
    expect((await call(sandbox, lookupBoris, { token: other.accessToken })).status).toBe(200);
    expect((await call(sandbox, '/api/v1/auth/logout', { rawBody: 'not json' })).status).toBe(204);
  });
});
