import { describe, expect, it } from 'vitest';
import { adapterForUrl, siteAdapters } from '../../lib/adapters/registry';
import { urlMatcher } from '../../lib/adapters/shared/match-pattern';
import { contentScriptMatches } from '../../lib/adapters/site-matches';

describe('adapter registry', () => {
  it('picks Telegram Web K for its pages, from a URL or a string', () => {
    expect(adapterForUrl('https://web.telegram.org/k/#@anna_leads')?.id).toBe('telegram-k');
    expect(adapterForUrl(new URL('https://web.telegram.org/k/?account=2'))?.label).toBe('Telegram Web K');
  });

  it('picks Telegram Web A for its pages on the same origin', () => {
    expect(adapterForUrl('https://web.telegram.org/a/#777001')?.id).toBe('telegram-a');
    expect(adapterForUrl(new URL('https://web.telegram.org/a/?account=2#-1001234567890_42'))?.label).toBe(
      'Telegram Web A',
    );
  });

  it('picks WhatsApp Web for its one page', () => {
    expect(adapterForUrl('https://web.whatsapp.com/')?.id).toBe('whatsapp');
  });

  it.each([
    'https://web.telegram.org/',
    'https://web.whatsapp.com.evil.example/',
    'https://web.telegram.org.evil.example/k/',
    'not a url',
  ])('picks no adapter for %s', (url) => {
    expect(adapterForUrl(url)).toBeUndefined();
  });

  it('claims each URL for at most one adapter, so sites sharing an origin never both run', () => {
    const probes = siteAdapters.flatMap((adapter) =>
      adapter.matches.map((pattern) => pattern.replace(/^\*:/, 'https:').replace(/\*/g, 'x')),
    );
    for (const probe of probes) {
      expect(siteAdapters.filter((adapter) => adapter.matchesUrl(new URL(probe)))).toHaveLength(1);
    }
  });

  it("lists every adapter's patterns once for the manifest and the background's sender check", () => {
    for (const pattern of siteAdapters.flatMap((adapter) => adapter.matches))
      expect(contentScriptMatches).toContain(pattern);
    expect(contentScriptMatches).toEqual(
      expect.arrayContaining(['https://web.telegram.org/k/*', 'https://web.telegram.org/a/*']),
    );
    expect(new Set(contentScriptMatches).size).toBe(contentScriptMatches.length);
  });
});

describe('match patterns, as the browser reads them', () => {
  it.each([
    ['https://web.telegram.org/k/*', 'https://web.telegram.org/k/', true],
    ['https://web.telegram.org/k/*', 'https://web.telegram.org/k/?account=2#777001', true],
    ['https://web.telegram.org/k/*', 'https://web.telegram.org/a/', false],
    ['https://web.telegram.org/k/*', 'http://web.telegram.org/k/', false],
    ['https://*.chatwoot.com/*', 'https://app.chatwoot.com/app/accounts/1/conversations/7', true],
    ['https://*.chatwoot.com/*', 'https://chatwoot.com/', true],
    ['https://*.chatwoot.com/*', 'https://evilchatwoot.com/', false],
    ['*://support.example.com/*', 'http://support.example.com/inbox', true],
    ['*://support.example.com/*', 'ftp://support.example.com/inbox', false],
    ['https://web.whatsapp.com/*', 'https://web.whatsapp.com:8443/', true],
    ['<all_urls>', 'https://anything.example/page', true],
  ] as const)('%s against %s is %s', (pattern, url, expected) => {
    expect(urlMatcher([pattern])(new URL(url))).toBe(expected);
  });

  it('refuses a pattern the browser would refuse when the adapter is made, not at some later URL', () => {
    expect(() => urlMatcher(['not a pattern'])).toThrow(/not a pattern/);
    expect(() => urlMatcher(['https://web.telegram.org:443/k/*'])).toThrow(/port/);
  });
});
