/**
 * The chat the URL names. telegram-tt writes `#<chat id>`, `#<chat id>_<thread id>` for a topic or a comments thread,
 * and `_pinned` / `_scheduled` for those views (util/routing.ts createLocationHash, 511dbd13); a link opened from
 * outside may carry `?…` after it until the app rewrites it. The query (`?account=2`) picks the account, not the chat.
 */
export function chatIdFromHash(hash: string): string | undefined {
  return /^#(-?\d{1,16})(?=$|[_?])/.exec(hash)?.[1];
}
