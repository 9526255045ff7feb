/**
 * Chrome extension match patterns (`https://web.telegram.org/k/*`), evaluated the way the browser evaluates them
 * when it decides where a content script runs, so an adapter's URL test and its manifest entry cannot disagree.
 * The host must match exactly (or by a leading `*.`); the path glob is tested against path and query, never the hash.
 */
export function urlMatchesPattern(url: URL, pattern: string): boolean {
  if (pattern === '<all_urls>') return ['http:', 'https:', 'file:'].includes(url.protocol);
  const parts = /^(\*|https?|file):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme = '', host = '', path = ''] = parts;
  return schemeMatches(scheme, url.protocol) && hostMatches(host, url.hostname) && globMatches(path, url.pathname + url.search);
}

export function urlMatchesAny(url: URL, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => urlMatchesPattern(url, pattern));
}

function schemeMatches(scheme: string, protocol: string): boolean {
  return scheme === '*' ? protocol === 'http:' || protocol === 'https:' : protocol === `${scheme}:`;
}

function hostMatches(host: string, hostname: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === host;
}

function globMatches(glob: string, value: string): boolean {
  const source = glob.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`).test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
