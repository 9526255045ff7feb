/**
 * WhatsApp names every chat by a jid: `<digits>@c.us` for a person reachable by phone number, `<id>@g.us` for a group,
 * `<id>@lid` for a person behind a privacy id (no phone), `…@newsletter`/`…@broadcast` for channels and lists.
 * Message rows carry their serialised key `<fromMe>_<chat jid>_<message id>[_<participant jid>]` in `data-id`;
 * the chat is the jid right after the direction, never the participant at the end (a group member's own number).
 */
const MESSAGE_KEY = /^(?:true|false)_([^_@\s]+@[a-z.]+)_[^_\s]+(?:_\S+)?$/;

/** E.164: a country code and subscriber number, at most 15 digits; shorter than 6 is no phone number at all. */
const PHONE_DIGITS = /^\d{6,15}$/;

export function chatJidOfMessageKey(dataId: string | null): string | undefined {
  return dataId ? MESSAGE_KEY.exec(dataId)?.[1] : undefined;
}

/** The phone digits of a person's `@c.us` jid (what the platform knows a WhatsApp lead by), else undefined. */
export function phoneOfJid(jid: string): string | undefined {
  const [user, server] = jid.split('@');
  return server === 'c.us' && user !== undefined && PHONE_DIGITS.test(user) ? user : undefined;
}

/** A jid as written in older avatar URLs (`u=79991234567%40c.us`, already decoded by URLSearchParams). */
export function isJid(text: string | null | undefined): text is string {
  return !!text && /^[^_@\s]+@[a-z.]+$/.test(text);
}
