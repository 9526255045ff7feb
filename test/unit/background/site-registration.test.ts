import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { trustedPagePredicate, withAddedSites } from '../../../lib/background/trusted-pages';
import { routeMessage } from '../../../lib/messaging/router';
import { stored } from '../../../lib/schemas';
import { contentScript, optionsPage, type Sender } from '../security/senders';
import { installFakeSiteApis, type FakeSiteApis } from './fake-site-apis';
import { resetExtension, startWorker, stopWorkers, waitFor } from './support';

/** The built manifest's content script, as WXT writes it (see .output/chrome-mv3/manifest.json). */
const MANIFEST = {
  manifest_version: 3,
  name: 'Tracker Data',
  version: '0.1.0',
  content_scripts: [
    { matches: ['https://web.telegram.org/k/*', 'https://app.chatwoot.com/*'], js: ['content-scripts/content.js'] },
  ],
};
const AGENCY = 'chat.example-agency.com';
const AGENCY_PATTERN = 'https://chat.example-agency.com/*';
const CRM = 'crm.example.com';

let browserApis: FakeSiteApis;

beforeEach(async () => {
  resetExtension();
  browserApis = installFakeSiteApis();
  fakeBrowser.runtime.getManifest = () => MANIFEST as unknown as Browser.runtime.Manifest;
  await fakeBrowser.storage.local.set({
    [stored.settings.key]: { apiUrl: 'https://tracker.example.com', defaultCurrency: 'USD' },
  });
});

afterEach(() => stopWorkers());

/** A message to a freshly started worker, as when the browser stopped the last one: nothing lives in its memory. */
function send(name: string, payload: unknown, sender: Sender) {
  const worker = startWorker();
  const isTrustedContentPage = withAddedSites(trustedPagePredicate(MANIFEST.content_scripts[0]!.matches), async () =>
    (await worker.sites.list()).map((site) => `https://${site.host}/*`),
  );
  return routeMessage({ name, payload }, sender, worker.handlers, { isTrustedContentPage });
}

const addChatwoot = () => send('sites.add', { kind: 'chatwoot', host: AGENCY }, optionsPage);

describe('a self-hosted Chatwoot added on the options page', () => {
  it('is registered for every page of its host with the manifest’s own content-script files, and listed', async () => {
    await browserApis.grant(AGENCY_PATTERN);

    expect(await addChatwoot()).toEqual({ ok: true, data: { ok: true, sites: [{ kind: 'chatwoot', host: AGENCY }] } });
    expect([...browserApis.registered.values()]).toEqual([
      {
        id: `added-site:${AGENCY}`,
        matches: [AGENCY_PATTERN],
        js: ['content-scripts/content.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    expect(await send('sites.list', {}, optionsPage)).toEqual({ ok: true, data: [{ kind: 'chatwoot', host: AGENCY }] });
  });

  it('lets the content script there talk to the background, and tells it which site its page is', async () => {
    const dashboard = contentScript(`https://${AGENCY}/app/accounts/1/conversations/7`);
    expect(await send('sites.forPage', {}, dashboard)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();

    expect(await send('sites.forPage', {}, dashboard)).toEqual({
      ok: true,
      data: { site: { kind: 'chatwoot', host: AGENCY } },
    });
    expect(await send('settings.get', {}, dashboard)).toMatchObject({ ok: true });
    // Another https page still gets nothing: it is neither built in nor added.
    expect(
      await send('sites.forPage', {}, contentScript(`https://evil.example/app/accounts/1/conversations/7`)),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('is refused, and nothing is stored or registered, when the manager did not grant the host', async () => {
    expect(await addChatwoot()).toEqual({ ok: true, data: { ok: false, reason: 'permission_missing' } });
    expect(browserApis.registered.size).toBe(0);
    expect(await fakeBrowser.storage.local.get(stored.sites.key)).toEqual({});
  });

  it.each(['app.chatwoot.com', 'web.telegram.org'])(
    'is refused for %s, where the manifest’s content script already runs',
    async (host) => {
      await browserApis.grant(`https://${host}/*`);
      expect(await send('sites.add', { kind: 'any-page', host }, optionsPage)).toEqual({
        ok: true,
        data: { ok: false, reason: 'built_in' },
      });
      expect(browserApis.registered.size).toBe(0);
    },
  );

  it('may only be added or removed by the extension’s own pages', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();
    const onTheSite = contentScript(`https://${AGENCY}/app/`);

    expect(await send('sites.add', { kind: 'any-page', host: 'attacker.example.com' }, onTheSite)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await send('sites.remove', { host: AGENCY }, onTheSite)).toMatchObject({ error: { code: 'forbidden' } });
    expect(browserApis.registered.size).toBe(1);
  });

  it('is unregistered and its host permission given back when removed', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();

    expect(await send('sites.remove', { host: AGENCY }, optionsPage)).toEqual({ ok: true, data: [] });
    expect(browserApis.registered.size).toBe(0);
    expect(browserApis.granted.has(AGENCY_PATTERN)).toBe(false);
    expect(await send('sites.forPage', {}, contentScript(`https://${AGENCY}/app/`))).toMatchObject({
      error: { code: 'forbidden' },
    });
  });

  it('keeps the host permission when the platform’s API is on the same host', async () => {
    await fakeBrowser.storage.local.set({
      [stored.settings.key]: { apiUrl: `https://${AGENCY}/tracker`, defaultCurrency: 'USD' },
    });
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();

    await send('sites.remove', { host: AGENCY }, optionsPage);
    expect(browserApis.registered.size).toBe(0);
    expect(browserApis.granted.has(AGENCY_PATTERN)).toBe(true);
  });
});

describe('a page added from the popup ("Use on this site")', () => {
  it('gets the content script at once in the tab the manager is on, and on its later pages by registration', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `https://${CRM}/leads/42` });
    await browserApis.grant(`https://${CRM}/*`);

    expect(await send('sites.add', { kind: 'any-page', host: CRM, tabId: tab.id }, optionsPage)).toMatchObject({
      ok: true,
      data: { ok: true },
    });
    expect(browserApis.injected).toEqual([{ tabId: tab.id, files: ['/content-scripts/content.js'] }]);
    expect(browserApis.registered.get(`added-site:${CRM}`)?.matches).toEqual([`https://${CRM}/*`]);
  });

  it('is not injected a second time when the host was added already, nor into a tab that moved to another host', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `https://${CRM}/leads/42` });
    await browserApis.grant(`https://${CRM}/*`);
    await send('sites.add', { kind: 'any-page', host: CRM, tabId: tab.id }, optionsPage);
    await send('sites.add', { kind: 'any-page', host: CRM, tabId: tab.id }, optionsPage);
    expect(browserApis.injected).toHaveLength(1);

    const elsewhere = await fakeBrowser.tabs.create({ url: 'https://other.example.com/' });
    await browserApis.grant(`https://${AGENCY}/*`);
    await send('sites.add', { kind: 'any-page', host: AGENCY, tabId: elsewhere.id }, optionsPage);
    expect(browserApis.injected).toHaveLength(1);
  });

  it('becomes a Chatwoot when the manager adds its host as a Chatwoot domain: one site, one registration', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await send('sites.add', { kind: 'any-page', host: AGENCY }, optionsPage);
    await addChatwoot();

    expect(await send('sites.list', {}, optionsPage)).toEqual({ ok: true, data: [{ kind: 'chatwoot', host: AGENCY }] });
    expect(browserApis.registered.size).toBe(1);
  });
});

describe('registrations over restarts, updates and the browser’s own site settings', () => {
  it('are registered again by a starting worker when an update dropped them, and never twice', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();
    browserApis.registered.clear();

    await startWorker().sites.reconcile();
    await startWorker().sites.reconcile();
    expect([...browserApis.registered.keys()]).toEqual([`added-site:${AGENCY}`]);
  });

  it('follow a new build’s content-script files', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();
    const {
      content_scripts: [script],
    } = MANIFEST;
    fakeBrowser.runtime.getManifest = () =>
      ({
        ...MANIFEST,
        content_scripts: [{ ...script, js: ['content-scripts/content-v2.js'] }],
      }) as unknown as Browser.runtime.Manifest;

    await startWorker().sites.reconcile();
    expect(browserApis.registered.get(`added-site:${AGENCY}`)?.js).toEqual(['content-scripts/content-v2.js']);
  });

  it('leave alone the content scripts that are not an added site’s', async () => {
    await fakeBrowser.scripting.registerContentScripts([
      { id: 'someone-else', matches: ['https://example.org/*'], js: ['x.js'] },
    ]);
    await startWorker().sites.reconcile();
    expect([...browserApis.registered.keys()]).toEqual(['someone-else']);
  });

  it('are wired at worker start: re-registered at once, dropped when the manager revokes the host, back when granted', async () => {
    await browserApis.grant(AGENCY_PATTERN);
    await addChatwoot();
    browserApis.registered.clear();

    background.main();
    await waitFor(() => browserApis.registered.size === 1, 2_000, 're-registration at start');

    await browserApis.revoke(AGENCY_PATTERN);
    await waitFor(() => browserApis.registered.size === 0, 2_000, 'unregistration after revoke');
    expect(await fakeBrowser.storage.local.get(stored.sites.key)).toEqual({
      sites: [{ kind: 'chatwoot', host: AGENCY }],
    });

    await browserApis.grant(AGENCY_PATTERN);
    await waitFor(() => browserApis.registered.size === 1, 2_000, 're-registration after grant');
  });
});
