import type { FastifyInstance } from 'fastify';
import { firstMessagePatternSchema } from '../../lib/schemas/console';
import { linkPatternSchema } from '../../lib/schemas/link-pattern';
import { teamSettingsSchema } from '../../lib/schemas/team-settings';
import { writeAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import { invalid, parseBody } from '../http/errors';
import { readFirstMessagePattern, writeFirstMessagePattern } from '../settings/first-message-pattern';

/**
 * What the admin sets for the whole team: `GET /api/v1/team-settings` for every signed-in operator (the extension reads
 * it), `GET/PUT /api/v1/admin/settings/first-message-pattern` for the admin console.
 */
export function teamSettingsRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/v1/team-settings', async (request) => {
    await requireOperator(request, context);
    const pattern = await readFirstMessagePattern(context.db);
    return teamSettingsSchema.parse(pattern === null ? {} : { firstMessagePattern: pattern });
  });

  app.get('/api/v1/admin/settings/first-message-pattern', async (request) => {
    await requireOperator(request, context, 'admin');
    return firstMessagePatternSchema.parse({ pattern: await readFirstMessagePattern(context.db) });
  });

  app.put('/api/v1/admin/settings/first-message-pattern', async (request) => {
    const admin = await requireOperator(request, context, 'admin');
    const { pattern } = parseBody(firstMessagePatternSchema, request.body);
    if (pattern !== null) {
      const checked = linkPatternSchema.safeParse(pattern);
      if (!checked.success) {
        const message = checked.error.issues[0]?.message ?? 'The pattern cannot be used';
        invalid(message, { pattern: message });
      }
    }
    await writeFirstMessagePattern(context.db, pattern);
    await writeAudit(context.db, {
      action: 'first_message_pattern_set',
      operatorId: admin.id,
      details: { set: pattern !== null },
      clientAddress: request.ip,
    });
    return firstMessagePatternSchema.parse({ pattern });
  });
}
