import { z } from 'zod/mini';
import { chaosConfigSchema } from './chaos';

/**
 * Faults the sandbox can inject into API requests, as options of `FaultControls` and as the JSON bodies of
 * `POST /__sandbox/faults`. `route` limits a fault to one route key as `GET /__sandbox/stats` names them
 * (e.g. "POST /api/v1/events"); `afterHandling` lets the request do its work (an event gets stored) before the answer
 * is replaced or lost, the case idempotent retries exist for.
 */

const count = z.int().check(z.positive());
const milliseconds = z.int().check(z.nonnegative());

export const routeFilterSchema = z.object({ route: z.optional(z.string()) });

export const failOptionsSchema = z.extend(routeFilterSchema, {
  /** Seconds, sent as the Retry-After header. */
  retryAfter: z.optional(z.int().check(z.nonnegative())),
  /** 'malformed': the body is not JSON at all; 'wrong-shape': JSON that is not what the route answers. */
  body: z.optional(z.enum(['malformed', 'wrong-shape'])),
  /** The error code in the body; by default one that fits the status. */
  code: z.optional(z.string()),
  afterHandling: z.optional(z.boolean()),
});
export type FailOptions = z.infer<typeof failOptionsSchema>;

export const dropOptionsSchema = z.extend(routeFilterSchema, { afterHandling: z.optional(z.boolean()) });
export type DropOptions = z.infer<typeof dropOptionsSchema>;

export type RouteFilter = z.infer<typeof routeFilterSchema>;

export const faultCommandSchema = z.discriminatedUnion('fault', [
  z.extend(failOptionsSchema, { fault: z.literal('failNext'), count, status: z.int().check(z.gte(200), z.lte(599)) }),
  z.extend(routeFilterSchema, { fault: z.literal('delayNext'), count, ms: milliseconds }),
  z.object({ fault: z.literal('setDelay'), ms: milliseconds }),
  z.extend(dropOptionsSchema, { fault: z.literal('dropNext'), count }),
  z.object({ fault: z.literal('expireAccessTokens') }),
  z.object({ fault: z.literal('revokeRefreshTokens') }),
  z.extend(chaosConfigSchema, { fault: z.literal('setChaos') }),
  z.object({ fault: z.literal('reset') }),
]);
export type FaultCommand = z.infer<typeof faultCommandSchema>;
