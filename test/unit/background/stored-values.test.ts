import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, stored } from '../../../lib/schemas';
import { fakeManifest, installFakeSiteApis } from './fake-site-apis';
import { contentScript, optionsPage } from '../security/senders';
import { DEMO, deposit, startWorker, useTestSandbox } from './support';

/**
 * Every stored value other than the outbox's goes through lib/background/storage.ts. One that no longer parses
 * (an older version's, a corrupted one) must be set aside with its raw value and counted in the popup, and the
 * extension must carry on with the default, never writing over the value and losing it.
 */

useTestSandbox();

type Area = 'local' | 'session';

const corrupt = (area: Area, key: string, value: unknown) => fakeBrowser.storage[area].set({ [key]: value });
const storedIn = async (area: Area, key: string): Promise<unknown> => (await fakeBrowser.storage[area].get(key))[key];
const setAsideKeys = async (area: Area) =>
  Object.keys(await fakeBrowser.storage[area].get(null)).filter((key) => key.startsWith(stored.quarantined.prefix));

/** The value is kept aside in its own area with its key, why and when, and the popup's count says so. */
async function expectSetAside(area: Area, key: string, value: unknown): Promise<void> {
  expect(await storedIn(area, `quarantine:${key}`)).toEqual({
    key,
    value,
    reason: expect.stringMatching(/^Not a valid stored value \(.+\)$/),
    at: expect.any(Number),
  });
  const other: Area = area === 'local' ? 'session' : 'local';
  expect(await setAsideKeys(other)).toEqual([]);
  expect(await startWorker().handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 1 });
}

describe('a stored value that no longer parses', () => {
  it('settings: set aside, the defaults are used, and settings saved later are kept', async () => {
    const old = { apiUrl: 'ftp://tracker.example.com', defaultCurrency: 7 };
    await corrupt('local', 'settings', old);
    const { handlers } = startWorker();

    expect(await handlers['settings.get']({}, optionsPage)).toEqual(DEFAULT_SETTINGS);
    const saved = { ...DEFAULT_SETTINGS, defaultCurrency: 'EUR' };
    await handlers['settings.save'](saved, optionsPage);

    expect(await startWorker().handlers['settings.get']({}, optionsPage)).toEqual(saved);
    await expectSetAside('local', 'settings', old);
  });

  it('added sites: set aside, the list reads empty, and a site added later is listed', async () => {
    const apis = installFakeSiteApis();
    fakeManifest();
    const old = [{ host: 'chat.example-agency.com' }];
    await corrupt('local', 'sites', old);
    const { handlers } = startWorker();

    expect(await handlers['sites.list']({}, optionsPage)).toEqual([]);
    await apis.grant('https://crm.example.com/*');
    expect(await handlers['sites.add']({ kind: 'any-page', host: 'crm.example.com' }, optionsPage)).toMatchObject({
      ok: true,
    });

    expect(await startWorker().handlers['sites.list']({}, optionsPage)).toEqual([
      { kind: 'any-page', host: 'crm.example.com' },
    ]);
    await expectSetAside('local', 'sites', old);
  });

  it('recent currencies: set aside, none are proposed, and the next deposit’s currency is remembered', async () => {
    await corrupt('local', 'recentCurrencies', 'USD,EUR');
    const { handlers } = startWorker();

    expect(await handlers['currencies.recent']({}, {})).toEqual([]);
    await handlers['event.submit'](deposit({ currency: 'EUR', amount: '5' }), {});

    expect(await handlers['currencies.recent']({}, {})).toEqual(['EUR']);
    await expectSetAside('local', 'recentCurrencies', 'USD,EUR');
  });

  it('a chat’s lead id: set aside, the panel asks again, and the new answer is remembered', async () => {
    const chat = { channel: 'whatsapp' as const, chatKey: 'group-42' };
    await corrupt('local', 'chatIdentity:whatsapp:group-42', 79991234567);
    const { handlers } = startWorker();

    expect(await handlers['chat.recall'](chat, {})).toEqual({});
    await handlers['chat.remember']({ ...chat, externalId: '79991234567' }, {});

    expect(await startWorker().handlers['chat.recall'](chat, {})).toEqual({ externalId: '79991234567' });
    await expectSetAside('local', 'chatIdentity:whatsapp:group-42', 79991234567);
  });

  it('a known operator: set aside, not written over, when that operator signs in again', async () => {
    const old = { id: 'op_demo', fullName: 'Demo Manager' };
    await corrupt('local', 'operator:op_demo', old);

    expect(await startWorker().handlers['session.signIn'](DEMO, {})).toMatchObject({ ok: true });

    expect(await storedIn('local', 'operator:op_demo')).toEqual({
      id: 'op_demo',
      name: 'Demo Manager',
      email: DEMO.email,
    });
    await expectSetAside('local', 'operator:op_demo', old);
  });

  it('the session summary: set aside, the manager reads as signed out, and signing in works', async () => {
    await corrupt('local', 'sessionSummary', { signedIn: 'yes' });
    const { handlers } = startWorker();

    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false });
    await handlers['session.signIn'](DEMO, {});

    expect(await startWorker().handlers['session.get']({}, {})).toMatchObject({
      signedIn: true,
      operator: { id: 'op_demo' },
    });
    await expectSetAside('local', 'sessionSummary', { signedIn: 'yes' });
  });

  it('the access token: set aside in storage.session, never storage.local, and the session refreshes', async () => {
    await startWorker().handlers['session.signIn'](DEMO, {});
    const old = { token: 'from-an-older-version' };
    await corrupt('session', 'accessToken', old);
    const { handlers } = startWorker();

    expect(await handlers['contact.lookup']({ channel: 'telegram', externalId: '777001' }, {})).toMatchObject({
      status: 'found',
    });

    expect(await storedIn('session', 'accessToken')).toMatchObject({ token: expect.not.stringMatching(old.token) });
    await expectSetAside('session', 'accessToken', old);
  });

  it('a tab’s page status: set aside in storage.session, not written over by the next report', async () => {
    const status = { site: 'WhatsApp Web', mount: 'header' as const, contact: 'read' as const };
    await corrupt('session', 'pageStatus:7', 'mounted');
    const { handlers } = startWorker();

    await handlers['page.report'](status, contentScript('https://web.whatsapp.com/'));

    expect(await handlers['page.status']({ tabId: 7 }, {})).toEqual(status);
    await expectSetAside('session', 'pageStatus:7', 'mounted');
  });
});

describe('setting aside', () => {
  it('happens once when many readers meet the same bad value at once', async () => {
    await corrupt('local', 'settings', 'v1 settings');

    const read = await Promise.all(
      Array.from({ length: 5 }, () => startWorker().handlers['settings.get']({}, optionsPage)),
    );

    expect(read).toEqual(Array.from({ length: 5 }, () => DEFAULT_SETTINGS));
    await expectSetAside('local', 'settings', 'v1 settings');
  });

  it('keeps an earlier bad value when the same key goes bad again', async () => {
    await corrupt('local', 'recentCurrencies', 'first');
    await startWorker().handlers['currencies.recent']({}, {});
    await corrupt('local', 'recentCurrencies', 'second');
    await startWorker().handlers['currencies.recent']({}, {});

    const keys = await setAsideKeys('local');
    const values = await fakeBrowser.storage.local.get(keys);
    expect(keys).toHaveLength(2);
    expect(
      Object.values(values)
        .map((aside) => (aside as { value: unknown }).value)
        .sort(),
    ).toEqual(['first', 'second']);
    expect(await startWorker().handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 2 });
  });
});
