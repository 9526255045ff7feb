import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import background from '../../../entrypoints/background';
import { contentScriptMatches } from '../../../lib/adapters/site-matches';
import { createApiClient } from '../../../lib/background/api-client';
import { createRefreshTokenStore } from '../../../lib/background/refresh-token-store';
import { trustedPagePredicate } from '../../../lib/background/trusted-pages';
import { OUTBOX_ALARM } from '../../../lib/background/wake-up';
import { routeMessage } from '../../../lib/messaging/router';
import { stored, type OutboxRecord } from '../../../lib/schemas';
import { installFakeSiteApis } from './fake-site-apis';
import { contentScript, EXTENSION_ID, popup, type Sender } from '../security/senders';
import {
  DEMO,
  deposit,
  localStorageText,
  postsOf,
  startWorker,
  stopWorkers,
  storedCount,
  useTestSandbox,
  waitFor,
} from './support';

const telegramK = contentScript('https://web.telegram.org/k/#@anna_leads');

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

describe('the background answers only its own senders', () => {
  const options = { isTrustedContentPage: trustedPagePredicate(contentScriptMatches) };
  // Every message goes to a freshly started worker, as when the browser stops it between messages: all state is stored.
  const send = (name: string, payload: unknown, sender: Sender) =>
    routeMessage({ name, payload }, sender, startWorker().handlers, options);

  it('lets the popup sign in and the content script on a chat site look up a contact', async () => {
    expect(await send('session.signIn', DEMO, popup)).toMatchObject({
      ok: true,
      data: { ok: true, session: { signedIn: true } },
    });
    expect(await send('contact.lookup', { channel: 'telegram', externalId: '777001' }, telegramK)).toMatchObject({
      ok: true,
      data: { status: 'found', contact: { trackerData: { clickId: 'clk_7f3a9c' } } },
    });
  });

  it.each([
    ['another extension', contentScript('https://web.telegram.org/k/', 'some-other-extension')],
    ['a page no content script runs on', contentScript('https://evil.example/k/')],
    ['a Telegram page outside the matched app', contentScript('https://web.telegram.org/z/')],
    ['a page script (no tab, no extension id)', { url: 'https://web.telegram.org/k/' }],
    [
      'an extension frame inside a tab with a foreign URL',
      { id: EXTENSION_ID, url: 'https://evil.example/popup.html' },
    ],
  ])('refuses an event from %s, and stores nothing', async (_who, sender) => {
    await send('session.signIn', DEMO, popup);
    const reply = await send('event.submit', deposit(), sender);

    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await localStorageText()).not.toContain('outbox:');
  });

  it('refuses extension-only messages from a content script, even on a trusted page', async () => {
    expect(await send('session.signIn', DEMO, telegramK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await send('settings.save', { apiUrl: 'https://attacker.example', defaultCurrency: 'USD' }, telegramK),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send('session.signOut', {}, telegramK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(sandbox.stats()['POST /api/v1/auth/login']).toBeUndefined();
    expect(await send('settings.get', {}, telegramK)).toMatchObject({ ok: true, data: { apiUrl: sandbox.url } });
  });

  it('refuses an event that breaks the contract, naming the field, and stores nothing', async () => {
    const reply = await send('event.submit', { ...deposit(), amount: '1e5' }, telegramK);

    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { amount: expect.any(String) } },
    });
    expect(await localStorageText()).not.toContain('outbox:');
  });

  it('never hands a token to anyone: no answer carries one', async () => {
    const signIn = await send('session.signIn', DEMO, popup);
    const answers = JSON.stringify([
      signIn,
      await send('session.get', {}, telegramK),
      await send('settings.get', {}, telegramK),
    ]);
    const access = (await fakeBrowser.storage.session.get(stored.accessToken.key))[stored.accessToken.key] as {
      token: string;
    };

    expect(answers).not.toContain(access.token);
    expect(answers).not.toMatch(/token/i);
  });

  it('saves settings from the options page, validated', async () => {
    expect(
      await send('settings.save', { apiUrl: 'https://tracker.example.com/', defaultCurrency: 'EUR' }, popup),
    ).toMatchObject({
      ok: true,
      data: { apiUrl: 'https://tracker.example.com', defaultCurrency: 'EUR' },
    });
    expect(
      await send('settings.save', { apiUrl: 'http://tracker.example.com', defaultCurrency: 'EUR' }, popup),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { apiUrl: expect.stringContaining('https') } },
    });
    expect(await send('settings.get', {}, popup)).toMatchObject({
      ok: true,
      data: { apiUrl: 'https://tracker.example.com' },
    });
  });

  it('ends the session when the API URL changes, so its tokens never go to another platform', async () => {
    await send('session.signIn', DEMO, popup);
    const refresh = await createRefreshTokenStore().get();
    await send('settings.save', { apiUrl: sandbox.url, defaultCurrency: 'EUR' }, popup);
    expect(await send('session.get', {}, popup)).toMatchObject({ ok: true, data: { signedIn: true } });

    await send('settings.save', { apiUrl: 'https://tracker.example.com', defaultCurrency: 'EUR' }, popup);

    expect(await send('session.get', {}, popup)).toEqual({ ok: true, data: { signedIn: false } });
    expect(await createRefreshTokenStore().get()).toBeUndefined();
    const oldPlatform = createApiClient({ baseUrl: async () => sandbox.url });
    expect(await oldPlatform.refresh(refresh ?? '')).toMatchObject({ ok: false, failure: { status: 401 } });
  });

  it('answers a lookup as signed out, unknown or an error', async () => {
    const clara = { channel: 'telegram', externalId: '777003' };
    expect(await send('contact.lookup', clara, telegramK)).toEqual({ ok: true, data: { status: 'signedOut' } });
    await send('session.signIn', DEMO, popup);
    expect(await send('contact.lookup', clara, telegramK)).toEqual({ ok: true, data: { status: 'unknown' } });
    sandbox.faults.failNext(1, 500);
    expect(await send('contact.lookup', clara, telegramK)).toMatchObject({
      ok: true,
      data: { status: 'error', error: { code: 'internal_error' } },
    });
  });
});

describe('the service worker entry', () => {
  const manifest = {
    manifest_version: 3,
    name: 'Tracker Data',
    version: '0.1.0',
    content_scripts: [{ matches: ['http://127.0.0.1/demo/*'], js: [] }],
  };
  const deliver = (name: string, payload: unknown, sender: Sender) =>
    fakeBrowser.runtime.onMessage.trigger({ name, payload }, sender, () => undefined);

  beforeEach(() => {
    fakeBrowser.runtime.getManifest = () => manifest as unknown as Browser.runtime.Manifest;
    // The entry also re-registers the sites the manager added, through permissions and scripting.
    installFakeSiteApis();
  });

  it('registers the message listener at start, and takes content-script messages from the manifest’s pages too', async () => {
    background.main();
    await deliver('session.signIn', DEMO, popup);
    const event = deposit();
    const [reply] = await deliver(
      'event.submit',
      event,
      contentScript('http://127.0.0.1:8787/demo/web.telegram.org/k/'),
    );

    expect(reply).toMatchObject({ ok: true, data: { state: 'queued', event } });
    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'delivery');
  });

  it('delivers what a stopped worker left overdue as soon as it starts, and again when the alarm fires', async () => {
    await startWorker().handlers['session.signIn'](DEMO, {});
    await stopWorkers();
    const overdue = deposit();
    const later = deposit({ contact: { channel: 'telegram', externalId: '-1001234567890' } });
    const record = (event: typeof overdue, nextAttemptAt: number): OutboxRecord => ({
      event,
      state: 'queued',
      attempts: 1,
      nextAttemptAt,
      createdAt: Date.now() - 60_000,
      updatedAt: Date.now() - 60_000,
      operatorId: 'op_demo',
    });
    const laterAt = Date.now() + 60_000;
    await fakeBrowser.storage.local.set({
      [`outbox:${overdue.id}`]: record(overdue, Date.now() - 1_000),
      [`outbox:${later.id}`]: record(later, laterAt),
    });

    background.main();
    await waitFor(() => storedCount(sandbox, overdue.id) === 1, 3_000, 'the overdue event');
    await waitFor(async () => (await fakeBrowser.alarms.get(OUTBOX_ALARM)) !== undefined, 3_000, 'the alarm');
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(laterAt);
    expect(postsOf(sandbox)).toBe(1);

    // A minute on: the record is due when the alarm wakes the worker.
    await fakeBrowser.storage.local.set({ [`outbox:${later.id}`]: record(later, Date.now() - 1) });
    await fakeBrowser.alarms.onAlarm.trigger({
      name: OUTBOX_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await waitFor(() => storedCount(sandbox, later.id) === 1, 3_000, 'the event the alarm woke the worker for');
  });
});
