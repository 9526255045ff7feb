import { z } from 'zod/mini';
import { clickIdSchema } from './tracker-data';

/**
 * Leads who arrive through a prefilled `t.me/<user>?text=…` or `wa.me/<n>?text=…` link send the click id in their first
 * message. The team's admin sets a regular expression with one capturing group (`ref[:\s]*([A-Za-z0-9_-]{6,64})`);
 * the content script runs it over the lead's own first messages and proposes the code it captures, never more.
 *
 * This file is what the extension needs: the pattern's shape and the matcher. The check against catastrophic
 * backtracking is in link-pattern.ts, for where the admin sets the pattern (the server); it carries a 23 kB parser the
 * extension's bundles have no room for, and the extension bounds what it matches instead (MESSAGE_TEXT_MAX).
 */
export const LINK_PATTERN_MAX_LENGTH = 200;
/** Case-insensitive, so `Ref:` and `REF` match too; no `g`/`y`, so matching keeps no state between messages. */
export const LINK_PATTERN_FLAGS = 'i';
/** At most this many of the lead's messages are read, the first ones the page shows. */
export const INCOMING_MESSAGES_MAX = 5;
/** Each message is matched on its first this many characters: a prefilled link's text is short. */
export const MESSAGE_TEXT_MAX = 300;

function compiled(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, LINK_PATTERN_FLAGS);
  } catch {
    return undefined;
  }
}

/** Capturing groups (named ones too): an added empty alternative matches '' and reports every group, unset. */
function capturingGroups(pattern: string): number {
  return (new RegExp(`${pattern}|`, LINK_PATTERN_FLAGS).exec('')?.length ?? 1) - 1;
}

export const firstMessagePatternSchema = z.string().check(
  z.minLength(1, { message: 'Enter a pattern', abort: true }),
  z.maxLength(LINK_PATTERN_MAX_LENGTH, {
    message: `The pattern is longer than ${LINK_PATTERN_MAX_LENGTH} characters`,
    abort: true,
  }),
  z.superRefine((pattern, ctx) => {
    if (!compiled(pattern)) {
      ctx.addIssue({ code: 'custom', message: 'Not a valid regular expression', input: pattern });
      return;
    }
    const groups = capturingGroups(pattern);
    if (groups !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `The pattern needs exactly one capturing group, around the click id (it has ${groups})`,
        input: pattern,
      });
    }
  }),
);

/** A message the lead sent, as the chat page shows it: its text and the time written beside it. */
export const incomingMessageSchema = z.object({
  text: z.string(),
  /** The time as the chat shows it (`10:31`), when the page writes one. */
  time: z.optional(z.string()),
});
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;

export interface FirstMessageMatch {
  clickId: string;
  time?: string;
}

/**
 * The click id in the first of the lead's messages the pattern matches, with that message's time; undefined when none
 * does, the pattern is not usable, or what it captures is not a click id. Pure: reads only what it is given, and no
 * more than INCOMING_MESSAGES_MAX messages of MESSAGE_TEXT_MAX characters each.
 */
export function matchFirstMessage(
  pattern: string,
  messages: readonly IncomingMessage[],
): FirstMessageMatch | undefined {
  if (!firstMessagePatternSchema.safeParse(pattern).success) return undefined;
  const regex = compiled(pattern);
  if (!regex) return undefined;
  for (const message of messages.slice(0, INCOMING_MESSAGES_MAX)) {
    const captured = regex.exec(message.text.slice(0, MESSAGE_TEXT_MAX))?.[1];
    const clickId = captured === undefined ? undefined : clickIdSchema.safeParse(captured);
    if (clickId?.success) return { clickId: clickId.data, ...(message.time ? { time: message.time } : {}) };
  }
  return undefined;
}
