import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, auditResponseSchema } from '../../lib/schemas/admin';
import type { AuditEntry } from '../../lib/schemas/admin';
import { readAudit } from '../audit/log';
import { requireOperator } from '../auth/bearer';
import type { ServerContext } from '../context';
import type { AuditRow } from '../db/tables';
import { parseOrRefuse } from '../http/errors';

const DEFAULT_PAGE = 50;

function entryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    action: row.action,
    operatorId: row.operator_id ?? undefined,
    target: row.target ?? undefined,
    details: row.details === null ? undefined : (JSON.parse(row.details) as AuditEntry['details']),
    clientAddress: row.client_address ?? undefined,
  };
}

export function adminAuditRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/v1/admin/audit', async (request) => {
    await requireOperator(request, context, 'admin');
    const query = parseOrRefuse(auditQuerySchema, request.query, 'The query breaks the API contract');
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await readAudit(context.db, { limit, before: query.before, action: query.action });
    const last = rows.at(-1);
    return auditResponseSchema.parse({
      entries: rows.map(entryOf),
      next: rows.length === limit && last ? last.at : undefined,
    });
  });
}
