import { z } from 'zod/mini';

/**
 * Where one event went (docs: ../shared/server.md, "Additions to the Tracker API"): one delivery per (event,
 * destination). `held` waits for the contact's click id; `failed` was refused by the tracker or given up, and an admin
 * can resend it.
 */

export const deliveryStateSchema = z.enum(['pending', 'held', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliverySchema = z.object({
  destinationId: z.string().check(z.minLength(1)),
  /** The destination's name, so a manager sees where it went without reading destinations. */
  destination: z.string(),
  state: deliveryStateSchema,
  attempts: z.int().check(z.nonnegative()),
  lastAttemptAt: z.optional(z.iso.datetime({ message: 'lastAttemptAt must be an ISO 8601 UTC time' })),
  lastError: z.optional(z.string()),
});
export type Delivery = z.infer<typeof deliverySchema>;
