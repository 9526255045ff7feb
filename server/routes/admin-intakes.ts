import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { adminIntakeListSchema, intakeCreatedSchema, newIntakeSchema } from '../../lib/schemas/console';
import { KEPT_POSTBACKS_MAX, keptPostbacksResponseSchema } from '../../lib/schemas/intake-calls';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { fail, parseBody, parseOrRefuse } from '../http/errors';
import { adminIntakeFromRow, createIntake, listIntakes, revokeIntake } from '../intakes/store';

const idSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

/** `/api/v1/admin/intakes`: create (the only answer carrying the secret URL), list (never the secret), revoke. */
export function adminIntakeRoutes(app: FastifyInstance, context: ServerContext, baseUrl: () => string): void {
  const { db } = context;

  app.post('/api/v1/admin/intakes', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const { name, kind } = parseBody(newIntakeSchema, request.body);
    const { row, secret } = await createIntake(db, name, kind);
    await writeAudit(db, {
      action: 'intake_created',
      operatorId: admin.id,
      target: row.id,
      details: { name, kind },
      clientAddress: request.ip,
    });
    return reply
      .code(201)
      .send(intakeCreatedSchema.parse({ intake: { id: row.id, name, kind, url: `${baseUrl()}/intake/${secret}` } }));
  });

  app.get('/api/v1/admin/intakes', async (request) => {
    await requireOperator(request, context, 'admin');
    return adminIntakeListSchema.parse({ intakes: (await listIntakes(db)).map(adminIntakeFromRow) });
  });

  app.delete('/api/v1/admin/intakes/:id', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const { id } = parseOrRefuse(idSchema, request.params, 'The intake id breaks the API contract');
    if (!(await revokeIntake(db, id))) return fail(404, { code: 'intake_not_found', message: 'No intake has this id' });
    await writeAudit(db, { action: 'intake_revoked', operatorId: admin.id, target: id, clientAddress: request.ip });
    return reply.code(204).send();
  });

  app.get('/api/v1/admin/unmatched-postbacks', async (request) => {
    await requireOperator(request, context, 'admin');
    const rows = await db
      .selectFrom('unmatched_postbacks')
      .selectAll()
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .limit(KEPT_POSTBACKS_MAX)
      .execute();
    return keptPostbacksResponseSchema.parse({
      postbacks: rows.map((row) => ({
        id: row.id,
        intakeId: row.intake_id,
        clickId: row.click_id,
        type: row.type,
        amount: row.amount ?? undefined,
        currency: row.currency ?? undefined,
        tid: row.tid ?? undefined,
        receivedAt: new Date(Number(row.received_at)).toISOString(),
      })),
    });
  });
}
