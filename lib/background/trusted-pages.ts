import { MatchPattern } from 'wxt/utils/match-patterns';

/** Whether a page URL is one our content script runs on: content-script messages from any other page are refused. */
export function trustedPagePredicate(patterns: readonly string[]): (url: string) => boolean {
  const compiled = [...new Set(patterns)].map((pattern) => new MatchPattern(pattern));
  return (url) => URL.canParse(url) && compiled.some((pattern) => pattern.includes(url));
}

/**
 * Also trusts the pages of the sites the manager added at run time, read at each message so that a site added or
 * removed a moment ago counts at once.
 */
export function withAddedSites(
  isTrusted: (url: string) => boolean,
  addedPatterns: () => Promise<readonly string[]>,
): (url: string) => Promise<boolean> {
  return async (url) => isTrusted(url) || (URL.canParse(url) && trustedPagePredicate(await addedPatterns())(url));
}
