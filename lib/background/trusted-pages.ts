import { MatchPattern } from 'wxt/utils/match-patterns';

/** Whether a page URL is one our content script runs on: content-script messages from any other page are refused. */
export function trustedPagePredicate(patterns: readonly string[]): (url: string) => boolean {
  const compiled = [...new Set(patterns)].map((pattern) => new MatchPattern(pattern));
  return (url) => URL.canParse(url) && compiled.some((pattern) => pattern.includes(url));
}
