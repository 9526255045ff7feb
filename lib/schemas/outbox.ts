import { z } from 'zod/mini';
import { apiErrorSchema, contactKeySchema, trackerEventInputSchema } from './api';

/**
 * One event in the background's durable outbox. `queued` waits for its next attempt, `sent` was acknowledged by the
 * platform (kept a while so the panel can show it), `failed` was refused for good and waits for the manager.
 */
export const outboxStateSchema = z.enum(['queued', 'sent', 'failed']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxRecordSchema = z.object({
  event: trackerEventInputSchema,
  state: outboxStateSchema,
  attempts: z.int().check(z.nonnegative()),
  /** Epoch ms of the next attempt while queued. */
  nextAttemptAt: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Why the last attempt did not deliver (retryable) or why the platform refused it (failed). */
  lastError: z.optional(apiErrorSchema),
  /**
   * The operator signed in when it was saved: only they send it, unless another operator takes it over in the popup.
   * None when it was saved while signed out: it waits until someone signed in chooses to send it as theirs.
   */
  operatorId: z.optional(z.string()),
  /** The platform (settings.apiUrl) it was saved for: it goes there or nowhere. Always set in storage. */
  apiUrl: z.optional(z.string()),
  /** Epoch ms when the manager dismissed this failed event: hidden from the panel, kept a while for the popup's log. */
  dismissedAt: z.optional(z.number()),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/**
 * The version of the stored record's shape, stored with it as `v`. Version 1 is the shape 0.1.0 stored, without `v`;
 * `lib/schemas/outbox-versions.ts` brings an older record up to this one, so an update never strands a queued event.
 */
export const OUTBOX_RECORD_VERSION = 3;
export const storedOutboxRecordSchema = z.extend(outboxRecordSchema, {
  v: z.literal(OUTBOX_RECORD_VERSION),
  apiUrl: z.string(),
});

/**
 * What a UI reads of an outbox record as written, to tell whether the write changes what it shows. Read on every
 * storage change, so it checks no more than that: the whole record's schema, on each write of a long drain, slowed
 * the drain down (docs/performance.md, "Outbox drain").
 */
export const outboxStampSchema = z.object({
  event: z.object({ id: z.string(), contact: contactKeySchema }),
  state: outboxStateSchema,
  updatedAt: z.number(),
});
export type OutboxStamp = z.infer<typeof outboxStampSchema>;

/** A stored value that no longer parses, with the key it was under, why and when: kept aside and reported, never dropped. */
export const quarantinedRecordSchema = z.object({
  key: z.string(),
  value: z.unknown(),
  reason: z.string(),
  at: z.number(),
});
export type QuarantinedRecord = z.infer<typeof quarantinedRecordSchema>;

export const outboxSummarySchema = z.object({
  queued: z.int().check(z.nonnegative()),
  failed: z.int().check(z.nonnegative()),
  quarantined: z.int().check(z.nonnegative()),
});
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;
