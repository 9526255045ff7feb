import { z } from 'zod/mini';
import { eventTypeSchema, operatorSchema, trackerEventSchema } from './api';
import { deliverySchema, deliveryStateSchema } from './delivery';
import { destinationSchema, httpMethodSchema } from './destination';

/**
 * Bodies of the admin API's destination and event calls (docs: ../shared/server.md, "Admin API"), one schema each for
 * the server that answers and the console that reads. Every destination in an answer has its secrets masked; a PUT that
 * sends a masked value back keeps the stored secret.
 */

export const destinationResponseSchema = z.object({ destination: destinationSchema });

/** A destination's deliveries in each state, as the admin sees them (`held`: pending, the contact has no click id). */
export const deliveryCountsSchema = z.object({
  delivered: z.int().check(z.nonnegative()),
  pending: z.int().check(z.nonnegative()),
  held: z.int().check(z.nonnegative()),
  failed: z.int().check(z.nonnegative()),
});
export type DeliveryCounts = z.infer<typeof deliveryCountsSchema>;

/**
 * `GET /api/v1/admin/destinations` → `{ destinations }`, each with `today`: its deliveries queued since 00:00 UTC today
 * (the server's day, as the console's date filters), by their state now.
 */
export const adminDestinationSchema = z.intersection(destinationSchema, z.object({ today: deliveryCountsSchema }));
export type AdminDestination = z.infer<typeof adminDestinationSchema>;
export const destinationsResponseSchema = z.object({ destinations: z.array(adminDestinationSchema) });

/** `POST /api/v1/admin/destinations/{id}/test`: one real postback with a test event id. */
export const destinationTestRequestSchema = z.object({
  type: eventTypeSchema,
  clickId: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter a click id to test with'),
      z.maxLength(256, 'A click id is at most 256 characters'),
    ),
  amount: z.optional(
    z.string().check(z.regex(/^\d{1,15}(\.\d{1,8})?$/, 'The amount must be a decimal string like 1234.5')),
  ),
  currency: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]{2,10}$/, 'Enter a currency code like USD'))),
});
export type DestinationTestRequest = z.infer<typeof destinationTestRequestSchema>;

/**
 * Its 200: the request as sent (secrets masked; `headers` when it had any) and `response` when the tracker answered,
 * `error` (timeout, refused connection) when it did not.
 */
export const destinationTestResultSchema = z.object({
  request: z.object({
    method: httpMethodSchema,
    url: z.string(),
    headers: z.optional(z.record(z.string(), z.string())),
    body: z.optional(z.string()),
  }),
  response: z.optional(z.object({ status: z.number(), body: z.string() })),
  error: z.optional(z.string()),
});
export type DestinationTestResult = z.infer<typeof destinationTestResultSchema>;

export const ADMIN_EVENTS_PAGE_MAX = 100;

/**
 * `GET /api/v1/admin/events`: all optional. `operator` an operator id; `contact` an external id or username; `state`
 * events with at least one delivery in that state; `since`/`until` ISO times of receipt (until exclusive); `cursor` the
 * previous answer's `next`. Newest first.
 */
export const adminEventQuerySchema = z.object({
  operator: z.optional(z.string().check(z.maxLength(128))),
  contact: z.optional(z.string().check(z.maxLength(128))),
  state: z.optional(deliveryStateSchema),
  type: z.optional(eventTypeSchema),
  since: z.optional(z.iso.datetime({ message: 'since must be an ISO 8601 UTC time' })),
  until: z.optional(z.iso.datetime({ message: 'until must be an ISO 8601 UTC time' })),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(ADMIN_EVENTS_PAGE_MAX))),
});
export type AdminEventQuery = z.infer<typeof adminEventQuerySchema>;

export const adminEventSchema = z.extend(trackerEventSchema, {
  deliveries: z.array(deliverySchema),
  /** Who logged it; absent for flow and postback events. */
  operator: z.optional(operatorSchema),
});
export type AdminEvent = z.infer<typeof adminEventSchema>;
export const adminEventPageSchema = z.object({ events: z.array(adminEventSchema), next: z.optional(z.string()) });
export type AdminEventPage = z.infer<typeof adminEventPageSchema>;

/** `PUT /api/v1/contacts/{channel}/{externalId}/tracker-data`: a manager links the lead to its click by hand. */
export const trackerDataUpdateSchema = z.object({
  clickId: z
    .string({ error: 'Enter the click id' })
    .check(z.trim(), z.minLength(1, 'Enter the click id'), z.maxLength(256, 'A click id is at most 256 characters')),
  subId: z.optional(z.string().check(z.maxLength(256))),
  source: z.optional(z.string().check(z.maxLength(256))),
  campaign: z.optional(z.string().check(z.maxLength(256))),
});
export type TrackerDataUpdate = z.infer<typeof trackerDataUpdateSchema>;
