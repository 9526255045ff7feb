/**
 * Telegram's two web apps write a chat's id differently, and a lead must be the same contact in both:
 * - Telegram Web A (telegram-tt) writes the Bot API form the platform uses: a user as its id (`777001`), a basic
 *   group as `-<chat id>`, a supergroup or channel as `-100` followed by its id (`-1001234567890`; see telegram-tt's
 *   util/entities/ids.ts, CHANNEL_ID_BASE = 10^12).
 * - Telegram Web K (tweb) writes every group and channel as the NEGATIVE MTProto id (`-1234567890`, see tweb's
 *   peerIdPolyfill: `toPeerId(true)` is `-Math.abs(id)`), so its DOM cannot tell a supergroup from a basic group.
 * Both are read into one form: a user as it is, a `-100…` id as it is, and any other negative id as a supergroup or
 * channel (`-100` + id), which is what every group that has a public link, more than 200 members, topics, or a bot
 * with admin rights is. A legacy basic group thereby gets the same id in K and A, if not its exact Bot API id.
 */
const CHANNEL_ID_BASE = 1_000_000_000_000;

export function platformPeerId(appPeerId: string | null | undefined): string | undefined {
  if (!appPeerId || !/^-?\d{1,16}$/.test(appPeerId)) return undefined;
  const value = Number(appPeerId);
  if (value === 0) return undefined;
  if (value > 0) return String(value);
  const id = -value;
  return id > CHANNEL_ID_BASE ? String(value) : String(-(CHANNEL_ID_BASE + id));
}
