import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { trackerDataUpdateSchema } from '../../lib/schemas/admin-deliveries';
import { contactKeySchema, contactSchema } from '../../lib/schemas/api';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import { linkContact } from '../contacts/link';
import type { ServerContext } from '../context';
import { parseBody, parseOrRefuse } from '../http/errors';

const contactResponseSchema = z.object({ contact: contactSchema });

/** A manager links the lead to its click by hand; the held deliveries of its events go at once. */
export function trackerDataRoutes(app: FastifyInstance, context: ServerContext): void {
  app.put('/api/v1/contacts/:channel/:externalId/tracker-data', async (request) => {
    const operator = await requireOperator(request, context);
    const key = parseOrRefuse(contactKeySchema, request.params, 'The contact address breaks the API contract');
    const update = parseBody(trackerDataUpdateSchema, request.body);
    const contact = await linkContact(context, key, update);
    await writeAudit(context.db, {
      action: 'contact_tracker_data_set',
      operatorId: operator.id,
      target: `${key.channel}:${key.externalId}`,
      clientAddress: request.ip,
    });
    return contactResponseSchema.parse({ contact });
  });
}
