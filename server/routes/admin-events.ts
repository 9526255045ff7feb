import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { adminEventPageSchema, adminEventQuerySchema } from '../../lib/schemas/admin-deliveries';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { adminEventPage, resendDelivery } from '../deliveries/admin-events';
import { fail, invalid, parseOrRefuse } from '../http/errors';

const retryParamsSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  destinationId: z.string().check(z.minLength(1), z.maxLength(128)),
});

export function adminEventRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/v1/admin/events', async (request) => {
    await requireOperator(request, context, 'admin');
    const query = parseOrRefuse(adminEventQuerySchema, request.query, 'The query breaks the API contract');
    const page = await adminEventPage(context.db, query);
    if (page === 'bad_cursor')
      return invalid('The cursor is not one this server gave', { cursor: 'Start again without a cursor' });
    return adminEventPageSchema.parse(page);
  });

  app.post('/api/v1/admin/events/:id/deliveries/:destinationId/retry', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const { id, destinationId } = parseOrRefuse(
      retryParamsSchema,
      request.params,
      'The address breaks the API contract',
    );
    const outcome = await resendDelivery(context.db, id, destinationId);
    if (outcome === 'no_event') return fail(404, { code: 'event_not_found', message: 'No event has this id' });
    if (outcome === 'no_destination')
      return fail(404, { code: 'destination_not_found', message: 'No destination has this id' });
    if (outcome === 'already_delivered')
      return fail(409, {
        code: 'already_delivered',
        message: 'The tracker has this event already; it is not sent twice',
      });
    await writeAudit(context.db, {
      action: 'delivery_retried',
      operatorId: admin.id,
      target: id,
      details: { destinationId },
      clientAddress: request.ip,
    });
    context.wakeDeliveries();
    return reply.code(202).send();
  });
}
