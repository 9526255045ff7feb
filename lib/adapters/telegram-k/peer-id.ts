/**
 * tweb writes peer ids into the DOM as MTProto numbers: a user as its id (`777001`), a group or channel as the
 * NEGATIVE chat/channel id (`-1234567890`, see tweb's peerIdPolyfill: `toPeerId(true)` is `-Math.abs(id)`).
 * The platform, the bot flow and Telegram Web A name chats in the Bot API form instead, where a supergroup or
 * channel is `-100` followed by its id (`-1001234567890`). So that a contact is the same one in K and A, a negative
 * tweb id is turned into that form. tweb's DOM does not say whether a negative id is a supergroup/channel or a
 * legacy basic group (Bot API `-<id>`); all are taken as supergroups/channels, which is what every group that has
 * a public link, more than 200 members, topics, or a bot with admin rights is.
 */
const CHANNEL_ID_BASE = 1_000_000_000_000;

export function platformPeerId(twebPeerId: string | null | undefined): string | undefined {
  if (!twebPeerId || !/^-?\d{1,16}$/.test(twebPeerId)) return undefined;
  const value = Number(twebPeerId);
  if (value === 0) return undefined;
  if (value > 0) return String(value);
  const id = -value;
  return id > CHANNEL_ID_BASE ? String(value) : String(-(CHANNEL_ID_BASE + id));
}
