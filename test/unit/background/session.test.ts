import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_REFRESH_GRACE_SECONDS, type Sandbox } from '../../../sandbox/server';
import { createRefreshTokenStore } from '../../../lib/background/refresh-token-store';
import { stored } from '../../../lib/schemas';
import {
  DEMO,
  deposit,
  localStorageText,
  startTestSandbox,
  startWorker,
  stopWorkers,
  storedCount,
  useTestSandbox,
  waitFor,
} from './support';

const anna = { channel: 'telegram', externalId: '777001' } as const;
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

async function accessToken(): Promise<string | undefined> {
  const values = await fakeBrowser.storage.session.get(stored.accessToken.key);
  return (values[stored.accessToken.key] as { token: string } | undefined)?.token;
}

const refreshToken = () => createRefreshTokenStore().get();
const refreshes = () => sandbox.stats()['POST /api/v1/auth/refresh']?.requests ?? 0;

describe('signing in', () => {
  it('keeps the access token in storage.session and the refresh token in IndexedDB, never in storage.local', async () => {
    const { handlers } = startWorker();
    const answer = await handlers['session.signIn'](DEMO, {});

    expect(answer).toEqual({
      ok: true,
      session: { signedIn: true, operator: { id: 'op_demo', name: 'Demo Manager', email: DEMO.email } },
    });
    const access = await accessToken();
    const refresh = await refreshToken();
    expect(access).toBeTruthy();
    expect(refresh).toBeTruthy();
    const local = await localStorageText();
    expect(local).not.toContain(access);
    expect(local).not.toContain(refresh);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(refresh);
    expect(await handlers['session.get']({}, {})).toEqual({
      signedIn: true,
      operator: expect.objectContaining({ id: 'op_demo' }),
    });
  });

  it("answers a wrong password with the platform's error and stays signed out", async () => {
    const { handlers } = startWorker();
    const answer = await handlers['session.signIn']({ email: DEMO.email, password: 'wrong' }, {});

    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_credentials' }) });
    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false });
    expect(await accessToken()).toBeUndefined();
  });

  it('says when the platform cannot be reached', async () => {
    const { handlers } = startWorker();
    await sandbox.close();
    const answer = await handlers['session.signIn'](DEMO, {});
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'network_error' }) });
  });
});

describe('refreshing', () => {
  it('rotates the refresh token: the new one is kept, the old one no longer works once its grace period is over', async () => {
    const { handlers, api } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    const first = await refreshToken();
    sandbox.faults.expireAccessTokens();

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({
      status: 'found',
      contact: { displayName: 'Anna Petrova' },
    });
    const second = await refreshToken();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (DEFAULT_REFRESH_GRACE_SECONDS + 1) * 1000);
    const replayed = await api.refresh(first ?? '');
    vi.useRealTimers();
    expect(replayed).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 401, error: { code: 'session_expired' } },
    });
  });

  it('makes one refresh for five calls that hit 401 at once, and repeats each call', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.resetStats();

    const answers = await Promise.all(Array.from({ length: 5 }, () => handlers['contact.lookup'](anna, {})));

    expect(answers.map((answer) => answer.status)).toEqual(['found', 'found', 'found', 'found', 'found']);
    expect(refreshes()).toBe(1);
    expect(sandbox.stats()['GET /api/v1/contacts/:channel/:externalId']?.statuses).toEqual({ '401': 5, '200': 5 });
  });

  it('refreshes a token that expired before the call without sending it first', async () => {
    sandbox = await restartSandboxWithTtl(1);
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    sandbox.resetStats();

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });
    expect(refreshes()).toBe(1);
    expect(sandbox.stats()['GET /api/v1/contacts/:channel/:externalId']?.statuses).toEqual({ '200': 1 });
  });

  it('ends the session when the platform revoked the refresh token, keeping every queued event', async () => {
    const { handlers, outbox } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.faults.revokeRefreshTokens();

    const record = await handlers['event.submit'](deposit(), {});
    await waitFor(async () => (await handlers['session.get']({}, {})).signedIn === false, 5_000, 'the session to end');
    await outbox.deliverDue();

    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false, expired: true });
    expect(await accessToken()).toBeUndefined();
    expect(await refreshToken()).toBeUndefined();
    expect(await handlers['contact.lookup'](anna, {})).toEqual({ status: 'signedOut' });
    expect(await handlers['outbox.list']({}, {})).toEqual([
      expect.objectContaining({ state: 'queued', attempts: 0, event: record.event }),
    ]);
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 1, failed: 0, quarantined: 0 });

    await handlers['session.signIn'](DEMO, {});
    await waitFor(
      () => storedCount(sandbox, record.event.id) === 1,
      5_000,
      'the queued event to be delivered after sign-in',
    );
    await outbox.deliverDue();
    expect(storedCount(sandbox, record.event.id)).toBe(1);
  });
});

describe('signing out', () => {
  it('is not undone by a refresh that was on its way', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.faults.delayNext(1, 200, { route: 'POST /api/v1/auth/refresh' });

    const lookup = handlers['contact.lookup'](anna, {});
    await waitFor(() => refreshes() === 1, 2_000, 'the refresh to be on its way');
    await handlers['session.signOut']({}, {});

    expect(await lookup).toEqual({ status: 'signedOut' });
    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false });
    expect(await accessToken()).toBeUndefined();
    expect(await refreshToken()).toBeUndefined();
  });

  it('ends the session here and at the platform, and keeps queued events', async () => {
    const { handlers, api } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    const refresh = await refreshToken();
    await handlers['session.signOut']({}, {});
    // Saved after sign-out: it waits for the next sign-in.
    const record = await handlers['event.submit'](deposit(), {});

    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false });
    expect(await accessToken()).toBeUndefined();
    expect(await refreshToken()).toBeUndefined();
    expect(await api.refresh(refresh ?? '')).toMatchObject({ ok: false, failure: { status: 401 } });
    expect(await handlers['outbox.list']({}, {})).toEqual([
      expect.objectContaining({ state: 'queued', event: record.event }),
    ]);
    expect(storedCount(sandbox, record.event.id)).toBe(0);
  });

  it('succeeds locally when the platform is down', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    await sandbox.close();

    expect(await handlers['session.signOut']({}, {})).toEqual({ signedIn: false });
    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false });
    expect(await refreshToken()).toBeUndefined();
  });
});

describe('a restarted worker', () => {
  it('is signed in as storage says, with no new sign-in', async () => {
    await startWorker().handlers['session.signIn'](DEMO, {});
    await stopWorkers();
    const { handlers } = startWorker();

    expect(await handlers['session.get']({}, {})).toMatchObject({ signedIn: true, operator: { id: 'op_demo' } });
    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });
    expect(sandbox.stats()['POST /api/v1/auth/login']?.requests).toBe(1);
  });

  it('after a browser restart (storage.session gone) gets a new access token with the stored refresh token', async () => {
    await startWorker().handlers['session.signIn'](DEMO, {});
    await stopWorkers();
    await fakeBrowser.storage.session.clear();
    const { handlers } = startWorker();

    expect(await handlers['contact.lookup'](anna, {})).toMatchObject({ status: 'found' });
    expect(refreshes()).toBe(1);
    expect(await accessToken()).toBeTruthy();
  });
});

async function restartSandboxWithTtl(seconds: number): Promise<Sandbox> {
  await sandbox.close();
  return startTestSandbox({ accessTokenTtlSeconds: seconds });
}
