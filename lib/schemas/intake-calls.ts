import { z } from 'zod/mini';
import { channelSchema, eventTypeSchema, externalIdSchema } from './api';
import { atMostChars } from './lengths';
import { clickIdSchema } from './tracker-data';

/**
 * What the intakes take (docs: README "Linking leads to click ids", ../shared/server.md "Intakes"), in the snake_case
 * names bot platforms and partner networks fill in. Empty values count as absent: a bot macro with nothing to fill
 * sends `username=`, which must not be refused.
 */
const text = (max: number) => z.string().check(z.minLength(1), atMostChars(max));

/** `links`: the contact's tracker data, from a bot flow's webhook step or a bot's /start handler. */
export const linksCallSchema = z.object({
  channel: channelSchema,
  contact_id: externalIdSchema,
  click_id: clickIdSchema,
  sub_id: z.optional(text(128)),
  source: z.optional(text(256)),
  campaign: z.optional(text(256)),
  username: z.optional(text(64)),
});
export type LinksCall = z.infer<typeof linksCallSchema>;

/** `flow`: a bot flow's "Send Tracker Event" step. Amount and currency follow the event rules (api.ts). */
export const flowCallSchema = z.object({
  channel: channelSchema,
  contact_id: externalIdSchema,
  event: eventTypeSchema,
  step: text(256),
  amount: z.optional(text(32)),
  currency: z.optional(text(8)),
  event_id: z.optional(text(128)),
});
export type FlowCall = z.infer<typeof flowCallSchema>;

/** `postbacks`: a tracker's or partner network's own conversion for a click id. */
export const postbackCallSchema = z.object({
  click_id: clickIdSchema,
  event: eventTypeSchema,
  amount: z.optional(text(32)),
  currency: z.optional(text(8)),
  tid: z.optional(text(128)),
});
export type PostbackCall = z.infer<typeof postbackCallSchema>;

/**
 * `GET /api/v1/admin/unmatched-postbacks`: partner postbacks kept for the admin (no contact had the click id when they
 * arrived), newest first.
 */
export const keptPostbackSchema = z.object({
  id: z.string(),
  intakeId: z.string(),
  clickId: z.string(),
  type: eventTypeSchema,
  amount: z.optional(z.string()),
  currency: z.optional(z.string()),
  tid: z.optional(z.string()),
  receivedAt: z.iso.datetime(),
});
export type KeptPostback = z.infer<typeof keptPostbackSchema>;
export const KEPT_POSTBACKS_MAX = 200;
export const keptPostbacksResponseSchema = z.object({ postbacks: z.array(keptPostbackSchema) });
