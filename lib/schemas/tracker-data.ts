import { z } from 'zod/mini';
import { contactKeySchema, contactSchema } from './api';
import { atMostChars } from './lengths';

/**
 * A tracker's click id as a manager types it or a lead's first message carries it. Trackers write theirs in URL-safe
 * characters (Keitaro's subid, Binom's cnv_id, Voluum's cid, RedTrack's clickid, gclid and fbclid alike), because
 * each travels in a URL; anything else is a typo or a code that is not a click id.
 */
export const CLICK_ID_MIN_LENGTH = 4;
export const CLICK_ID_MAX_LENGTH = 128;
const CLICK_ID_CHARACTERS = /^[A-Za-z0-9._~-]*$/;

export const clickIdSchema = z
  .string()
  .check(
    z.minLength(CLICK_ID_MIN_LENGTH, `A click id has at least ${CLICK_ID_MIN_LENGTH} characters`),
    z.maxLength(CLICK_ID_MAX_LENGTH, `A click id has at most ${CLICK_ID_MAX_LENGTH} characters`),
    z.regex(CLICK_ID_CHARACTERS, 'A click id has only letters, digits and . _ ~ -'),
  );

/** `PUT /api/v1/contacts/{channel}/{externalId}/tracker-data`: a manager links the lead by hand (docs/tracker-api.md). */
export const trackerDataUpdateSchema = z.object({
  clickId: clickIdSchema,
  subId: z.optional(z.string().check(atMostChars(CLICK_ID_MAX_LENGTH))),
  source: z.optional(z.string().check(atMostChars(256))),
  campaign: z.optional(z.string().check(atMostChars(256))),
});
export type TrackerDataUpdate = z.infer<typeof trackerDataUpdateSchema>;

export const trackerDataUpdateResponseSchema = z.object({ contact: contactSchema });

/** The content script asks the background to link the open contact; only the click id leaves the page. */
export const linkClickIdRequestSchema = z.extend(contactKeySchema, { trackerData: trackerDataUpdateSchema });
export type LinkClickIdRequest = z.infer<typeof linkClickIdRequestSchema>;
