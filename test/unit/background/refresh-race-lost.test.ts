import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '../../../lib/background/api-client';
import { createRefreshTokenStore } from '../../../lib/background/refresh-token-store';
import { stored } from '../../../lib/schemas';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { startPlatformInFront, type Intercepted, type PlatformInFront } from './platform-in-front';
import { DEMO, deposit, resetExtension, startWorker, stopWorkers, waitFor } from './support';

const anna = { channel: 'telegram', externalId: '777001' } as const;
let sandbox: Sandbox;
let platform: PlatformInFront;
const logouts: Intercepted[] = [];

/** A platform that takes a spent refresh token for no grace at all, behind a front that notes every sign-out. */
beforeEach(async () => {
  resetExtension();
  logouts.length = 0;
  sandbox = await startSandbox({ port: 0, dataFile: ':memory:', controls: true, refreshTokenGraceSeconds: 0 });
  platform = await startPlatformInFront(sandbox.url, (request) => {
    if (request.method === 'POST' && request.url === '/api/v1/auth/logout') logouts.push(request);
    return undefined;
  });
  await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: platform.url, defaultCurrency: 'USD' } });
});

afterEach(async () => {
  await stopWorkers();
  await platform.close();
  await sandbox.close();
});

describe('an extension that loses a refresh race', () => {
  it('signs out with the platform, with the refresh token it holds, and keeps its queued events', async () => {
    const { handlers } = startWorker({ timeoutMs: 10_000 });
    expect(await handlers['session.signIn'](DEMO, {})).toMatchObject({ ok: true });
    const held = await createRefreshTokenStore().get();
    // Another holder of the same refresh token (a copied profile) refreshes first: the platform rotates it.
    const other = await createApiClient({ baseUrl: async () => sandbox.url }).refresh(held ?? '');
    expect(other).toMatchObject({ ok: true });
    sandbox.faults.expireAccessTokens();

    const record = await handlers['event.submit'](deposit(), {});
    expect(await handlers['contact.lookup'](anna, {})).toEqual({ status: 'signedOut' });
    await waitFor(() => logouts.length === 1, 2_000, 'the sign-out at the platform');

    expect(JSON.parse(logouts[0]?.body.toString() ?? '{}')).toEqual({ refreshToken: held });
    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false, expired: true });
    expect(await handlers['outbox.list']({}, {})).toEqual([
      expect.objectContaining({ state: 'queued', event: record.event }),
    ]);
  });
});
