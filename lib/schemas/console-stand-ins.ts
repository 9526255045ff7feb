import { z } from 'zod/mini';
import { eventTypeSchema } from './api';

/**
 * server.md's `Destination` and `Delivery`, as the admin console reads and sends them, until `lib/schemas/destination.ts`
 * and `lib/schemas/delivery.ts` land: then this file re-exports those (same names) and nothing else changes. It exists
 * only so the console can be built and tested before the presets do.
 */

export const destinationKindSchema = z.enum(['keitaro', 'binom', 'voluum', 'redtrack', 'chatterfy', 'webhook']);
export type DestinationKind = z.infer<typeof destinationKindSchema>;

export const statusMapSchema = z.object({
  registration: z.string().check(z.minLength(1, 'Enter the status for a registration'), z.maxLength(64)),
  deposit: z.string().check(z.minLength(1, 'Enter the status for a deposit'), z.maxLength(64)),
  redeposit: z.string().check(z.minLength(1, 'Enter the status for a redeposit'), z.maxLength(64)),
});
export type StatusMap = z.infer<typeof statusMapSchema>;

export const destinationInputSchema = z.object({
  name: z.string().check(z.minLength(1, 'Enter a name'), z.maxLength(100, 'At most 100 characters')),
  kind: destinationKindSchema,
  url: z.url({ protocol: /^https?$/, message: 'Enter the full http(s) address the tracker gives you' }),
  enabled: z.boolean(),
  events: z.array(eventTypeSchema).check(z.minLength(1, 'Choose at least one event type')),
  statusMap: statusMapSchema,
  method: z.optional(z.enum(['GET', 'POST'])),
  headers: z.optional(z.record(z.string(), z.string())),
  body: z.optional(z.string()),
});
export type DestinationInput = z.infer<typeof destinationInputSchema>;

/** As the server answers it: secrets masked, so `url` need not parse as a URL any more. */
export const destinationSchema = z.extend(destinationInputSchema, { id: z.string(), url: z.string() });
export type Destination = z.infer<typeof destinationSchema>;

export const deliveryStateSchema = z.enum(['pending', 'held', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliverySchema = z.object({
  destinationId: z.string(),
  destination: z.string(),
  state: deliveryStateSchema,
  attempts: z.number(),
  lastAttemptAt: z.optional(z.string()),
  lastError: z.optional(z.string()),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** Each preset's default status map (server.md, "Destination kinds"). */
export const DEFAULT_STATUS_MAPS: Record<DestinationKind, StatusMap> = {
  keitaro: { registration: 'lead', deposit: 'sale', redeposit: 'rebill' },
  binom: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  voluum: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  redtrack: { registration: 'Registration', deposit: 'Deposit', redeposit: 'Redeposit' },
  chatterfy: { registration: 'registration', deposit: 'sale', redeposit: 'resale' },
  webhook: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
};
