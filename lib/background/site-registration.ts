import { browser, type Browser, type PublicPath } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { sitePattern, stored, type AddedSite } from '../schemas';
import type { SettingsStore } from './settings-store';
import { exclusively, readStored } from './storage';

export type AddSiteResult = { ok: true; sites: AddedSite[] } | { ok: false; reason: 'permission_missing' | 'built_in' };

export interface SiteRegistration {
  list(): Promise<AddedSite[]>;
  /** The added site a page belongs to, if any. */
  siteFor(pageUrl: string): Promise<AddedSite | undefined>;
  /**
   * Adds a site whose host permission the manager has just granted, registers the content script there and, for the
   * tab the manager is on, injects it at once. Re-adding a host changes its kind.
   */
  add(site: AddedSite, tabId?: number): Promise<AddSiteResult>;
  /** Removes a site: its content script is unregistered and its host permission given back. */
  remove(host: string): Promise<AddedSite[]>;
  /**
   * Makes the registered content scripts agree with the stored list and the permissions the browser holds. Run on every
   * worker start (registrations are kept across sessions, but not across every update, and the manager can revoke a
   * host in the browser's own settings) and whenever permissions change.
   */
  reconcile(): Promise<void>;
}

type ScriptPath = Extract<PublicPath, `${string}.js`>;
type ContentScript = Browser.scripting.RegisteredContentScript;

/** Only these registrations are ours to change; each is one added host. */
const SCRIPT_ID_PREFIX = 'added-site:';
const scriptId = (host: string) => `${SCRIPT_ID_PREFIX}${host}`;

export interface SiteRegistrationDeps {
  settings: SettingsStore;
  /** The built manifest: the content script's files are WXT's output, read rather than guessed. */
  manifest?: () => Browser.runtime.Manifest;
}

export function createSiteRegistration({
  settings,
  manifest = () => browser.runtime.getManifest(),
}: SiteRegistrationDeps): SiteRegistration {
  const list = async () => (await readStored(stored.sites)) ?? [];
  const granted = (host: string) => browser.permissions.contains({ origins: [sitePattern(host)] });

  const contentScriptFor = (site: AddedSite): ContentScript => {
    const [script] = manifest().content_scripts ?? [];
    return {
      id: scriptId(site.host),
      matches: [sitePattern(site.host)],
      js: script?.js ?? [],
      ...(script?.css?.length ? { css: script.css } : {}),
      runAt: script?.run_at ?? 'document_idle',
      persistAcrossSessions: true,
    };
  };

  /** Hosts the manifest's own content scripts run on: adding one would run a second UI beside the first. */
  const isBuiltIn = (host: string) =>
    (manifest().content_scripts ?? [])
      .flatMap((script) => script.matches ?? [])
      .some((pattern) => runsOnHost(pattern, host));

  const reconcile = async (sites: AddedSite[]) => {
    const wanted: ContentScript[] = [];
    for (const site of sites) if (await granted(site.host)) wanted.push(contentScriptFor(site));
    const ours = (await browser.scripting.getRegisteredContentScripts()).filter((script) =>
      script.id.startsWith(SCRIPT_ID_PREFIX),
    );
    const stale = ours.filter((script) => !wanted.some((want) => sameScript(want, script)));
    if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
    const kept = ours.filter((script) => !stale.includes(script));
    const missing = wanted.filter((want) => !kept.some((script) => script.id === want.id));
    if (missing.length) await browser.scripting.registerContentScripts(missing);
  };

  const injectInto = async (tabId: number, site: AddedSite) => {
    const tab = await browser.tabs.get(tabId);
    if (!tab.url || !URL.canParse(tab.url) || new URL(tab.url).hostname !== site.host) return;
    const files = (contentScriptFor(site).js ?? []).map((file) => `/${file}` as ScriptPath);
    await browser.scripting.executeScript({ target: { tabId }, files });
  };

  return {
    list,
    async siteFor(pageUrl) {
      if (!URL.canParse(pageUrl)) return undefined;
      const url = new URL(pageUrl);
      return url.protocol === 'https:' ? (await list()).find((site) => site.host === url.hostname) : undefined;
    },
    // Under the storage lock: two quick clicks must not register the same id twice or lose a write.
    add: (site, tabId) =>
      exclusively(async (held) => {
        if (isBuiltIn(site.host)) return { ok: false, reason: 'built_in' };
        if (!(await granted(site.host))) return { ok: false, reason: 'permission_missing' };
        const before = (await held.read(stored.sites)) ?? [];
        const sites = [...before.filter((known) => known.host !== site.host), site];
        await held.write(stored.sites, sites);
        await reconcile(sites);
        // A host already listed has its content script running in the tab; a second one would mount a second UI.
        if (tabId !== undefined && !before.some((known) => known.host === site.host)) await injectInto(tabId, site);
        return { ok: true, sites };
      }),
    remove: (host) =>
      exclusively(async (held) => {
        const sites = ((await held.read(stored.sites)) ?? []).filter((site) => site.host !== host);
        await held.write(stored.sites, sites);
        await reconcile(sites);
        // The platform's own origin keeps its permission: the API calls need it.
        if (new URL((await settings.get()).apiUrl).hostname !== host)
          await browser.permissions.remove({ origins: [sitePattern(host)] });
        return sites;
      }),
    reconcile: () => exclusively(async (held) => reconcile((await held.read(stored.sites)) ?? [])),
  };
}

function sameScript(want: ContentScript, have: ContentScript): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return want.id === have.id && same(want.matches, have.matches) && same(want.js, have.js) && same(want.css, have.css);
}

/**
 * Whether a match pattern runs on some page of the host, whatever its path: its host part (`*.example.com` covers the
 * domain and its subdomains) read by the one match-pattern parser the adapters and the sender check use.
 */
function runsOnHost(pattern: string, host: string): boolean {
  const patternHost = /^[^:]+:\/\/([^/:]+)/.exec(pattern)?.[1];
  return patternHost !== undefined && new MatchPattern(`*://${patternHost}/*`).includes(`https://${host}/`);
}
