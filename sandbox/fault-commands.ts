import { z } from 'zod';
import { chaosConfigSchema } from './chaos';

/**
 * Faults the sandbox can inject into API requests, as options of `FaultControls` and as the JSON bodies of
 * `POST /__sandbox/faults`. `route` limits a fault to one route key as `GET /__sandbox/stats` names them
 * (e.g. "POST /api/v1/events"); `afterHandling` lets the request do its work (an event gets stored) before the answer
 * is replaced or lost, the case idempotent retries exist for.
 */

const count = z.number().int().positive();
const milliseconds = z.number().int().nonnegative();

export const routeFilterSchema = z.object({ route: z.string().optional() });

export const failOptionsSchema = routeFilterSchema.extend({
  /** Seconds, sent as the Retry-After header. */
  retryAfter: z.number().int().nonnegative().optional(),
  /** 'malformed': the body is not JSON at all; 'wrong-shape': JSON that is not what the route answers. */
  body: z.enum(['malformed', 'wrong-shape']).optional(),
  /** The error code in the body; by default one that fits the status. */
  code: z.string().optional(),
  afterHandling: z.boolean().optional(),
});
export type FailOptions = z.infer<typeof failOptionsSchema>;

export const dropOptionsSchema = routeFilterSchema.extend({ afterHandling: z.boolean().optional() });
export type DropOptions = z.infer<typeof dropOptionsSchema>;

export type RouteFilter = z.infer<typeof routeFilterSchema>;

export const faultCommandSchema = z.discriminatedUnion('fault', [
  failOptionsSchema.extend({ fault: z.literal('failNext'), count, status: z.number().int().min(200).max(599) }),
  routeFilterSchema.extend({ fault: z.literal('delayNext'), count, ms: milliseconds }),
  z.object({ fault: z.literal('setDelay'), ms: milliseconds }),
  dropOptionsSchema.extend({ fault: z.literal('dropNext'), count }),
  z.object({ fault: z.literal('expireAccessTokens') }),
  z.object({ fault: z.literal('revokeRefreshTokens') }),
  chaosConfigSchema.extend({ fault: z.literal('setChaos') }),
  z.object({ fault: z.literal('reset') }),
]);
export type FaultCommand = z.infer<typeof faultCommandSchema>;
