import { MatchPattern } from 'wxt/utils/match-patterns';

/**
 * An adapter's URL test from its manifest match patterns, read by the same parser the background's sender check uses
 * (WXT's, from @webext-core/match-patterns), so the adapter, the manifest and the check cannot disagree. Each pattern
 * is parsed once, when the adapter is made; a pattern the parser refuses throws there, at start, not at some URL.
 */
export function urlMatcher(patterns: readonly string[]): (url: URL) => boolean {
  const parsed = patterns.map((pattern) => new MatchPattern(pattern));
  // By its text: the parser tells a URL from a Location with `instanceof Location`, a class only pages have.
  return (url) => parsed.some((pattern) => pattern.includes(url.href));
}
