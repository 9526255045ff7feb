import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import {
  FAILED_DELIVERIES_MAX,
  eventResponseSchema,
  failedDeliveriesResponseSchema,
  trackerEventInputSchema,
} from '../../lib/schemas/api';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { failedEventsOf } from '../events/failed';
import { fail, invalid, parseBody, parseOrRefuse } from '../http/errors';

const eventListQuerySchema = z.object({ delivery: z.enum(['failed'], 'The only list is delivery=failed') });

export function eventRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/api/v1/events', async (request, reply) => {
    const operator = await requireOperator(request, context);
    const input = parseBody(trackerEventInputSchema, request.body);
    if (request.headers['idempotency-key'] !== input.id) {
      invalid('The Idempotency-Key header must equal the event id', {
        id: 'The Idempotency-Key header must equal the event id',
      });
    }
    const outcome = await context.tracker.record(
      input,
      { status: 'accepted', source: 'manual', operatorId: operator.id, receivedAt: new Date().toISOString() },
      { clientAddress: request.ip },
    );
    switch (outcome.kind) {
      case 'created':
        return reply.code(201).send(eventResponseSchema.parse({ event: outcome.event }));
      case 'same':
        return eventResponseSchema.parse({ event: outcome.event });
      case 'idempotency_conflict':
        return fail(409, {
          code: 'idempotency_conflict',
          message: 'An event with this id was stored with a different body',
        });
      case 'deposit_exists':
        return fail(409, {
          code: 'deposit_exists',
          message: 'This contact already has a deposit: send it as a redeposit',
        });
    }
  });

  app.get('/api/v1/events', async (request) => {
    const operator = await requireOperator(request, context);
    parseOrRefuse(eventListQuerySchema, request.query, 'The query breaks the API contract');
    return failedDeliveriesResponseSchema.parse({
      events: await failedEventsOf(context.db, operator.id, FAILED_DELIVERIES_MAX),
    });
  });
}
