import type { FastifyInstance } from 'fastify';
import { contactKeySchema, contactLookupResponseSchema } from '../../lib/schemas/api';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { fail, parseOrRefuse } from '../http/errors';

const MAX_EVENTS = 50;

export function contactRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/v1/contacts/:channel/:externalId', async (request) => {
    await requireOperator(request, context);
    const key = parseOrRefuse(contactKeySchema, request.params, 'The contact address breaks the API contract');
    const found = await context.tracker.lookup(key, MAX_EVENTS);
    if (!found) fail(404, { code: 'contact_not_found', message: 'The platform knows nothing of this contact yet' });
    return contactLookupResponseSchema.parse(found);
  });
}
