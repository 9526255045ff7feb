import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { migrateStored } from '../../../lib/background/storage';
import { stored } from '../../../lib/schemas';
import { fakeManifest, installFakeSiteApis } from './fake-site-apis';
import { DEMO, deposit, startWorker, useTestSandbox } from './support';

/**
 * Every single-key value in storage.local is a versioned WXT storage item (lib/schemas/stored-versions.ts): what an
 * older build stored, without a version, must still load after the update and be stored with its version; what a
 * newer build stored (a downgrade) is not guessed at, and never lost.
 */

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const PROFILE = join(__dirname, '../../fixtures/profiles/v0.1.0.json');
const optionsPage = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` };
const SITES = [{ kind: 'chatwoot', host: 'chat.example-agency.com' }];

/** storage.local as 0.1.0 left it (with a site the manager had added), pointed at this test's platform. */
function profile(): Record<string, unknown> {
  const local = JSON.parse(readFileSync(PROFILE, 'utf8').replaceAll('API_URL', sandbox.url)).local as Record<
    string,
    unknown
  >;
  return { ...local, sites: SITES };
}

const storedLocal = async (key: string): Promise<unknown> => (await fakeBrowser.storage.local.get(key))[key];

describe('single-key values an older build stored', () => {
  it('0.1.0’s settings, added sites, recent currencies and session still load, and are stored with their version', async () => {
    const apis = installFakeSiteApis();
    fakeManifest();
    const old = profile();
    await fakeBrowser.storage.local.set(old);
    for (const key of ['settings', 'sites', 'recentCurrencies', 'sessionSummary'])
      expect(await storedLocal(`${key}$`)).toBeUndefined();

    const { handlers } = startWorker();
    await migrateStored();

    expect(await handlers['settings.get']({}, optionsPage)).toEqual(old.settings);
    expect(await handlers['sites.list']({}, optionsPage)).toEqual(SITES);
    expect(await handlers['currencies.recent']({}, {})).toEqual(old.recentCurrencies);
    expect(await handlers['session.get']({}, {})).toEqual(old.sessionSummary);
    for (const key of ['settings', 'sites', 'recentCurrencies', 'sessionSummary']) {
      expect(await storedLocal(key), key).toEqual(old[key]);
      expect(await storedLocal(`${key}$`), key).toEqual({ v: stored.settings.version });
    }
    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 0 });
    await apis.grant('https://crm.example.com/*');
    expect(await handlers['sites.add']({ kind: 'any-page', host: 'crm.example.com' }, optionsPage)).toMatchObject({
      ok: true,
    });
    expect(await startWorker().handlers['sites.list']({}, optionsPage)).toEqual([
      ...SITES,
      { kind: 'any-page', host: 'crm.example.com' },
    ]);
  });

  it('settings saved before the language existed read as the browser’s language', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiUrl: sandbox.url, defaultCurrency: 'EUR' } });

    const { handlers } = startWorker();
    await migrateStored();

    expect(await handlers['settings.get']({}, optionsPage)).toEqual({
      apiUrl: sandbox.url,
      defaultCurrency: 'EUR',
      language: 'auto',
    });
    expect(await storedLocal('settings$')).toEqual({ v: stored.settings.version });
  });

  it('a value first written by this build is stored with its version', async () => {
    const { handlers } = startWorker();
    await handlers['event.submit'](deposit({ currency: 'EUR', amount: '5' }), {});

    expect(await storedLocal('recentCurrencies')).toEqual(['EUR']);
    expect(await storedLocal('recentCurrencies$')).toEqual({ v: stored.recentCurrencies.version });
  });
});

describe('single-key values a newer build stored (the extension was downgraded)', () => {
  it('are read as they are when they still parse, and kept as stored', async () => {
    const settings = { apiUrl: sandbox.url, defaultCurrency: 'EUR', language: 'ru' };
    await fakeBrowser.storage.local.set({ settings, settings$: { v: 9 } });

    const { handlers } = startWorker();
    await migrateStored();

    expect(await handlers['settings.get']({}, optionsPage)).toEqual(settings);
    expect(await storedLocal('settings')).toEqual(settings);
    expect(await storedLocal('settings$')).toEqual({ v: 9 });
  });

  it('are set aside with their raw value when they do not, and the defaults are used', async () => {
    const settings = { endpoint: { url: sandbox.url }, currency: 'EUR' };
    await fakeBrowser.storage.local.set({ settings, settings$: { v: 9 } });

    const { handlers } = startWorker();
    await migrateStored();

    expect(await handlers['settings.get']({}, optionsPage)).toMatchObject({ defaultCurrency: 'USD' });
    expect(await storedLocal('quarantine:settings')).toMatchObject({ key: 'settings', value: settings });
    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 1 });
  });
});

describe('the one storage lock', () => {
  it('keeps every change made at once: a sign-in, two added sites, settings and deposits in two currencies', async () => {
    const apis = installFakeSiteApis();
    fakeManifest();
    await apis.grant('https://crm.example.com/*');
    await apis.grant('https://chat.example-agency.com/*');
    const { handlers } = startWorker();
    const settings = { apiUrl: sandbox.url, defaultCurrency: 'GBP', language: 'en' as const };

    await Promise.all([
      handlers['session.signIn'](DEMO, {}),
      handlers['sites.add']({ kind: 'any-page', host: 'crm.example.com' }, optionsPage),
      handlers['sites.add']({ kind: 'chatwoot', host: 'chat.example-agency.com' }, optionsPage),
      handlers['settings.save'](settings, optionsPage),
      handlers['event.submit'](deposit({ currency: 'EUR', amount: '5' }), {}),
      handlers['event.submit'](deposit({ currency: 'JPY', amount: '500' }), {}),
    ]);

    const restarted = startWorker().handlers;
    expect(await restarted['session.get']({}, {})).toMatchObject({ signedIn: true, operator: { id: 'op_demo' } });
    expect(await restarted['sites.list']({}, optionsPage)).toEqual([
      { kind: 'any-page', host: 'crm.example.com' },
      { kind: 'chatwoot', host: 'chat.example-agency.com' },
    ]);
    expect([...apis.registered.keys()].sort()).toEqual([
      'added-site:chat.example-agency.com',
      'added-site:crm.example.com',
    ]);
    expect(await restarted['settings.get']({}, optionsPage)).toEqual(settings);
    expect([...(await restarted['currencies.recent']({}, {}))].sort()).toEqual(['EUR', 'JPY']);
    expect(await restarted['outbox.summary']({}, {})).toMatchObject({ queued: 2, quarantined: 0 });
  });
});
