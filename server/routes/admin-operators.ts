import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { createOperatorRequestSchema, operatorResponseSchema } from '../../lib/schemas/admin';
import type { AdminOperator } from '../../lib/schemas/admin';
import { adminOperatorListSchema } from '../../lib/schemas/console';
import { eventsSinceByOperator, lastSignInByOperator, startOfUtcWeek } from '../audit/operator-activity';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import type { OperatorRow } from '../db/tables';
import { fail, parseBody, parseOrRefuse } from '../http/errors';

const operatorIdSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

const adminOperatorOf = (row: OperatorRow): AdminOperator => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: new Date(row.created_at).toISOString(),
});

export function adminOperatorRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, operators, sessions } = context;

  app.post('/api/v1/admin/operators', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const body = parseBody(createOperatorRequestSchema, request.body);
    const created = await operators.create(body);
    if (created === 'email_taken')
      return fail(409, {
        code: 'email_taken',
        message: 'An operator with this email exists',
        fields: { email: 'This email is taken' },
      });
    await writeAudit(db, {
      action: 'operator_created',
      operatorId: admin.id,
      target: created.id,
      details: { email: created.email, role: created.role },
      clientAddress: request.ip,
    });
    return reply.code(201).send(operatorResponseSchema.parse({ operator: adminOperatorOf(created) }));
  });

  // What the console's Managers page shows beside each operator: their last sign-in and what they logged this week.
  app.get('/api/v1/admin/operators', async (request) => {
    await requireOperator(request, context, 'admin');
    const [rows, lastSignIns, weekCounts] = await Promise.all([
      operators.list(),
      lastSignInByOperator(db),
      eventsSinceByOperator(db, startOfUtcWeek(new Date())),
    ]);
    return adminOperatorListSchema.parse({
      operators: rows.map((row) => {
        const lastSignIn = lastSignIns.get(row.id);
        return {
          ...adminOperatorOf(row),
          lastSignInAt: lastSignIn === undefined ? null : new Date(lastSignIn).toISOString(),
          eventsThisWeek: weekCounts.get(row.id) ?? 0,
        };
      }),
    });
  });

  // The operator's row stays (their events keep naming them); every session of theirs ends before the 204.
  app.delete('/api/v1/admin/operators/:id', async (request, reply) => {
    const admin = await requireOperator(request, context, 'admin');
    const { id } = parseOrRefuse(operatorIdSchema, request.params, 'The operator id breaks the API contract');
    if (id === admin.id) fail(409, { code: 'cannot_remove_self', message: 'An admin cannot remove their own account' });
    if (!(await operators.remove(id))) fail(404, { code: 'operator_not_found', message: 'No operator has this id' });
    await sessions.revokeOperator(id, 'operator_removed');
    await writeAudit(db, { action: 'operator_removed', operatorId: admin.id, target: id, clientAddress: request.ip });
    return reply.code(204).send();
  });
}
