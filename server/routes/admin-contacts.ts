import type { FastifyInstance } from 'fastify';
import { contactKeySchema } from '../../lib/schemas/api';
import { adminLeadSchema } from '../../lib/schemas/console';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { fail, parseOrRefuse } from '../http/errors';

/** A lead's page shows every event, not the extension's recent few; a contact with more is not a chat lead. */
const MAX_EVENTS = 1000;

const detailsOf = (json: string | null): Record<string, string> | undefined =>
  json === null
    ? undefined
    : Object.fromEntries(
        Object.entries(JSON.parse(json) as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
      );

/**
 * `GET /api/v1/admin/contacts/{channel}/{externalId}`: the console's lead page, with who logged each event and the
 * audit entries about those events, and each event's deliveries.
 */
export function adminContactRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, tracker } = context;

  app.get('/api/v1/admin/contacts/:channel/:externalId', async (request) => {
    await requireOperator(request, context, 'admin');
    const key = parseOrRefuse(contactKeySchema, request.params, 'The contact address breaks the API contract');
    const found = await tracker.lookup(key, MAX_EVENTS);
    if (!found)
      return fail(404, { code: 'contact_not_found', message: 'The platform knows nothing of this contact yet' });
    const eventIds = found.events.map((event) => event.id);
    const loggedBy =
      eventIds.length === 0
        ? []
        : await db
            .selectFrom('events')
            .innerJoin('operators', 'operators.id', 'events.operator_id')
            .select(['events.id as eventId', 'operators.id', 'operators.name', 'operators.email'])
            .where('events.id', 'in', eventIds)
            .execute();
    const operatorOf = new Map(loggedBy.map(({ eventId, ...operator }) => [eventId, operator]));
    const audit =
      eventIds.length === 0
        ? []
        : await db
            .selectFrom('audit_log')
            .leftJoin('operators', 'operators.id', 'audit_log.operator_id')
            .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.details', 'operators.email'])
            .where('audit_log.target', 'in', eventIds)
            .orderBy('audit_log.at', 'desc')
            .execute();
    return adminLeadSchema.parse({
      contact: found.contact,
      events: found.events.map((event) => ({
        ...event,
        deliveries: event.deliveries ?? [],
        operator: operatorOf.get(event.id),
      })),
      audit: audit.map((entry) => ({
        id: entry.id,
        at: new Date(Number(entry.at)).toISOString(),
        actor: entry.email ?? 'server',
        action: entry.action,
        details: detailsOf(entry.details),
      })),
    });
  });
}
