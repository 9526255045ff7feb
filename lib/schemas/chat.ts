import { z } from 'zod/mini';
import { channelSchema, EXTERNAL_ID_MAX_LENGTH, externalIdSchema, type Channel } from './api';
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

/** Why what the manager typed as a lead's id was not taken, by rule; the UI says each in its language. */
export type TypedIdProblem = { rule: 'phone' | 'telegram_id' | 'empty' } | { rule: 'too_long'; max: number };

const TYPED_ID_RULES: Record<Channel, { clean: (text: string) => string; pattern: RegExp; problem: TypedIdProblem }> = {
  whatsapp: { clean: (text) => text.replace(/[\s()+\-.]/g, ''), pattern: /^\d{6,15}$/, problem: { rule: 'phone' } },
  telegram: { clean: (text) => text.replace(/\s/g, ''), pattern: /^-?\d{1,20}$/, problem: { rule: 'telegram_id' } },
  web: { clean: (text) => text, pattern: /^\S(.*\S)?$/, problem: { rule: 'empty' } },
};

/** What the manager typed as a lead's id, checked and normalised for the chat's channel. */
export function typedExternalId(
  channel: Channel,
  text: string,
): { ok: true; value: string } | { ok: false; problem: TypedIdProblem } {
  const rule = TYPED_ID_RULES[channel];
  const value = rule.clean(text.trim());
  if (!rule.pattern.test(value)) return { ok: false, problem: rule.problem };
  // The pattern takes no empty id, so the platform's own check can only find it too long.
  return externalIdSchema.safeParse(value).success
    ? { ok: true, value }
    : { ok: false, problem: { rule: 'too_long', max: EXTERNAL_ID_MAX_LENGTH } };
}
