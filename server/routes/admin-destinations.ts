import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import {
  destinationResponseSchema,
  destinationsResponseSchema,
  destinationTestRequestSchema,
  destinationTestResultSchema,
} from '../../lib/schemas/admin-deliveries';
import { destinationInputSchema } from '../../lib/schemas/destination';
import type { Destination } from '../../lib/schemas/destination';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { deliveryCountsToday, NO_DELIVERIES } from '../deliveries/counts-today';
import { sendPostback } from '../deliveries/send';
import { maskDestination, maskPostbackRequest, restoreMaskedSecrets } from '../destinations/mask-secrets';
import { postbackRequest } from '../destinations/postback-request';
import { fail, parseBody, parseOrRefuse } from '../http/errors';

const idSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });
/** The test postback waits this long for the tracker, then says it did not answer. */
const TEST_TIMEOUT_MS = 10_000;

const masked = (destination: Destination): Destination => maskDestination(destination);

export function adminDestinationRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, destinations } = context;
  const found = async (params: unknown): Promise<Destination> => {
    const { id } = parseOrRefuse(idSchema, params, 'The destination id breaks the API contract');
    return (
      (await destinations.get(id)) ??
      fail(404, { code: 'destination_not_found', message: 'No destination has this id' })
    );
  };

  app.post('/api/v1/admin/destinations', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const created = await destinations.create(parseBody(destinationInputSchema, request.body));
    await writeAudit(db, {
      action: 'destination_created',
      operatorId: admin.id,
      target: created.id,
      details: { name: created.name, kind: created.kind },
      clientAddress: request.ip,
    });
    return reply.code(201).send(destinationResponseSchema.parse({ destination: masked(created) }));
  });

  app.get('/api/v1/admin/destinations', async (request) => {
    await requireOperator(request, context, 'admin');
    const [listed, today] = await Promise.all([destinations.list(), deliveryCountsToday(db)]);
    return destinationsResponseSchema.parse({
      destinations: listed.map((destination) => ({
        ...masked(destination),
        today: today.get(destination.id) ?? NO_DELIVERIES,
      })),
    });
  });

  app.get('/api/v1/admin/destinations/:id', async (request) => {
    await requireOperator(request, context, 'admin');
    return destinationResponseSchema.parse({ destination: masked(await found(request.params)) });
  });

  // The console sends back what it was shown: masked values where the admin left a secret alone keep the stored one.
  app.put('/api/v1/admin/destinations/:id', async (request) => {
    const admin = await requireOperator(request, context, 'admin');
    const stored = await found(request.params);
    const input = restoreMaskedSecrets(parseBody(destinationInputSchema, request.body), stored);
    const replaced = await destinations.replace(
      stored.id,
      parseOrRefuse(destinationInputSchema, input, 'The request breaks the API contract'),
    );
    if (!replaced) return fail(404, { code: 'destination_not_found', message: 'No destination has this id' });
    await writeAudit(db, {
      action: 'destination_updated',
      operatorId: admin.id,
      target: replaced.id,
      details: { name: replaced.name, enabled: replaced.enabled },
      clientAddress: request.ip,
    });
    return destinationResponseSchema.parse({ destination: masked(replaced) });
  });

  app.delete('/api/v1/admin/destinations/:id', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const stored = await found(request.params);
    await destinations.remove(stored.id);
    await writeAudit(db, {
      action: 'destination_removed',
      operatorId: admin.id,
      target: stored.id,
      details: { name: stored.name },
      clientAddress: request.ip,
    });
    return reply.code(204).send();
  });

  app.post('/api/v1/admin/destinations/:id/test', async (request) => {
    const admin = await requireOperator(request, context, 'admin');
    const destination = await found(request.params);
    const test = parseBody(destinationTestRequestSchema, request.body);
    const isDeposit = test.type !== 'registration';
    const sent = postbackRequest(destination, {
      eventId: randomUUID(),
      eventType: test.type,
      ...(isDeposit ? { amount: test.amount ?? '1', currency: (test.currency ?? 'USD').toUpperCase() } : {}),
      clickId: test.clickId,
      channel: 'telegram',
      contactId: 'test',
      operatorEmail: admin.email,
      occurredAt: new Date().toISOString(),
    });
    const answer = await sendPostback(sent, TEST_TIMEOUT_MS);
    const shown = maskPostbackRequest(sent, destination);
    await writeAudit(db, {
      action: 'destination_tested',
      operatorId: admin.id,
      target: destination.id,
      details: { status: 'status' in answer ? answer.status : 0 },
      clientAddress: request.ip,
    });
    return destinationTestResultSchema.parse({
      request: {
        method: shown.method,
        url: shown.url,
        ...(Object.keys(shown.headers).length === 0 ? {} : { headers: shown.headers }),
        ...(shown.body === undefined ? {} : { body: shown.body }),
      },
      ...('error' in answer ? { error: answer.error } : { response: { status: answer.status, body: answer.body } }),
    });
  });
}
