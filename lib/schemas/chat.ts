import { z } from 'zod/mini';
import { channelSchema, externalIdSchema, type Channel } from './api';
import { atLeastChars, atMostChars } from './lengths';

/**
 * A chat the page shows without saying who the lead is (a WhatsApp group or hidden number, a page the manager added):
 * the panel asks the manager for the lead's id and remembers the answer under `chatKey`.
 */
export const unidentifiedChatSchema = z.object({
  channel: channelSchema,
  /** Stable for this chat within the app (a group's id, a page's title), never the lead's id itself. */
  chatKey: z.string().check(atLeastChars(1), atMostChars(512)),
  displayName: z.optional(z.string().check(atMostChars(256))),
});
export type UnidentifiedChat = z.infer<typeof unidentifiedChatSchema>;

const TYPED_ID_RULES: Record<Channel, { clean: (text: string) => string; pattern: RegExp; message: string }> = {
  whatsapp: {
    clean: (text) => text.replace(/[\s()+\-.]/g, ''),
    pattern: /^\d{6,15}$/,
    message: 'Enter the phone number with its country code, digits only (like 79991234567)',
  },
  telegram: {
    clean: (text) => text.replace(/\s/g, ''),
    pattern: /^-?\d{1,20}$/,
    message: 'Enter the numeric Telegram id (like 777000 or -1001234567890)',
  },
  web: { clean: (text) => text, pattern: /^\S(.*\S)?$/, message: 'Enter the lead’s id' },
};

/** What the manager typed as a lead's id, checked and normalised for the chat's channel. */
export function typedExternalId(channel: Channel, text: string): { ok: true; value: string } | { ok: false; message: string } {
  const rule = TYPED_ID_RULES[channel];
  const value = rule.clean(text.trim());
  if (!rule.pattern.test(value)) return { ok: false, message: rule.message };
  const checked = externalIdSchema.safeParse(value);
  return checked.success ? { ok: true, value } : { ok: false, message: checked.error.issues[0]?.message ?? rule.message };
}
