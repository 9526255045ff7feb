import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import contentScript from '../../../entrypoints/content/index';
import { adapterForUrl, siteAdapters } from '../../../lib/adapters/registry';
import { siteMatches } from '../../../lib/adapters/site-matches';
import { trustedPagePredicate } from '../../../lib/background/trusted-pages';

/**
 * Adding a site means: an adapter folder with its selectors and match patterns, a registry line, its real pages listed
 * here, fixtures and tests. The patterns are checked against addresses written down apart from them, as the apps
 * themselves address their pages, so a pattern that misses its site (or claims another's) fails here.
 */

const ADAPTERS_DIR = 'lib/adapters';
const NOT_SITES = new Set(['shared']);

/** Pages of each built-in site, as the app addresses them (its own docs and the saved pages' addresses). */
const REAL_PAGES: Readonly<Record<string, readonly string[]>> = {
  'telegram-k': [
    'https://web.telegram.org/k/',
    'https://web.telegram.org/k/#@anna_leads',
    'https://web.telegram.org/k/?account=2#-1234567890',
  ],
  'telegram-a': [
    'https://web.telegram.org/a/',
    'https://web.telegram.org/a/#777001',
    'https://web.telegram.org/a/?account=2#-1001234567890_42',
  ],
  whatsapp: ['https://web.whatsapp.com/', 'https://web.whatsapp.com/?lang=ru'],
  chatwoot: [
    'https://app.chatwoot.com/app/accounts/1/conversations/7',
    'https://app.chatwoot.com/app/accounts/1/inbox/2/conversations/9',
    'https://app.chatwoot.com/app/accounts/1/dashboard',
  ],
};

/** Pages no built-in site may claim: its neighbours on the same origin, look-alikes, plain http, pages the manager adds. */
const OTHER_PAGES = [
  'https://web.telegram.org/',
  'https://web.telegram.org/z/',
  'http://web.telegram.org/k/',
  'https://web.telegram.org.evil.example/k/',
  'https://web.whatsapp.com.evil.example/',
  'https://evilchatwoot.com/app/accounts/1/conversations/7',
  'https://chat.example-agency.com/app/accounts/2/conversations/41',
  'https://crm.example.com/leads/4821',
];

const adapterFolders = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_SITES.has(entry.name))
  .map((entry) => entry.name);

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

/** The page addresses a saved page structure states in its opening comment (`URL https://…`). */
function statedUrls(fixture: string): string[] {
  const comment = /<!--([\s\S]*?)-->/.exec(readFileSync(fixture, 'utf8'))?.[1] ?? '';
  return [...comment.matchAll(/\bURL (https:\/\/\S+?)[.,;]?(?=\s|$)/g)].map((match) => match[1]!);
}

const manifestMatches = Array.isArray(contentScript.matches) ? contentScript.matches : [];
const isTrusted = trustedPagePredicate(manifestMatches);

describe('every site the extension supports', () => {
  it('has a registry entry for every adapter folder, and a folder for every entry', () => {
    expect(siteAdapters.map((adapter) => adapter.id).sort()).toEqual([...adapterFolders].sort());
  });

  it('lists its real pages here, or is registered at run time and says so', () => {
    for (const adapter of siteAdapters) {
      if (adapter.registeredAtRunTime) expect(siteMatches[adapter.id], adapter.id).toBeUndefined();
      else expect(Object.keys(REAL_PAGES), adapter.id).toContain(adapter.id);
    }
  });

  it('claims no page of another site, nor a look-alike, plain http or a page the manager adds', () => {
    for (const page of OTHER_PAGES) {
      expect(adapterForUrl(page), page).toBeUndefined();
      expect(isTrusted(page), page).toBe(false);
    }
  });

  describe.each(siteAdapters.map((adapter) => [adapter.id, adapter] as const))('%s', (id, adapter) => {
    it('keeps its selectors in one file', () => {
      expect(filesIn(join(ADAPTERS_DIR, id))).toContain('selectors.ts');
    });

    it.runIf(!adapter.registeredAtRunTime)('runs on its real pages, and its adapter is the one picked there', () => {
      for (const page of REAL_PAGES[id] ?? []) {
        expect(adapterForUrl(page)?.id, page).toBe(id);
        // The content script's manifest entry and the background's sender check take the page too.
        expect(isTrusted(page), page).toBe(true);
      }
      expect(adapter.matches).toEqual(siteMatches[id]);
    });

    it('has saved page structures at addresses its adapter claims, and adapter tests', () => {
      const fixtures = filesIn(join('test/fixtures', id)).filter((file) => file.endsWith('.html'));
      expect(fixtures.length).toBeGreaterThan(0);
      for (const fixture of fixtures) {
        for (const url of statedUrls(join('test/fixtures', id, fixture))) {
          if (!adapter.registeredAtRunTime) expect(adapterForUrl(url)?.id, `${fixture}: ${url}`).toBe(id);
        }
      }
      expect(filesIn('test/adapters').some((file) => file.startsWith(id) && file.endsWith('.test.ts'))).toBe(true);
    });

    it('has an end-to-end test at its real URL', () => {
      expect(filesIn('test/e2e').some((file) => file.startsWith(id) && file.endsWith('.e2e.ts'))).toBe(true);
    });
  });
});
