import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compiledOnce, standInRow } from '../db/compiled-once';
import type { AuditRow, Tables } from '../db/tables';

/** Who did what, for an admin to read: sign-ins, events logged, operators changed (later: destinations, intakes). */
export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'refresh_token_reuse'
  | 'event_logged'
  | 'operator_created'
  | 'operator_removed'
  | 'destination_created'
  | 'destination_updated'
  | 'destination_removed'
  | 'destination_tested'
  | 'delivery_retried'
  | 'contact_tracker_data_set'
  | 'first_message_pattern_set'
  | 'intake_created'
  | 'intake_revoked'
  | 'intake_called';

export interface AuditEntry {
  action: AuditAction;
  operatorId?: string;
  target?: string;
  /** Facts worth keeping; never a password or a token. */
  details?: Record<string, string | number | boolean>;
  clientAddress?: string;
}

export function auditRow(entry: AuditEntry): AuditRow {
  return {
    id: randomUUID(),
    at: Date.now(),
    operator_id: entry.operatorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    client_address: entry.clientAddress ?? null,
  };
}

/** Writes in the caller's transaction when given one, so the entry commits or rolls back with what it records. */
export async function writeAudit(db: Kysely<Tables>, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(entry)).execute();
}

/** writeAudit with its insert compiled once, for the event path, which writes an entry per event; one per database. */
export function auditWriter(): (db: Kysely<Tables>, entry: AuditEntry) => Promise<void> {
  const insert = compiledOnce<AuditRow, never>((db, value, first) =>
    db.insertInto('audit_log').values(standInRow(first, value)),
  );
  return async (db, entry) => {
    await insert(db, auditRow(entry));
  };
}

/** Newest first; `before` is the `at` of the last entry of the previous page. */
export function readAudit(
  db: Kysely<Tables>,
  options: { limit: number; before?: number; action?: string },
): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit);
  if (options.before !== undefined) query = query.where('at', '<', options.before);
  if (options.action !== undefined) query = query.where('action', '=', options.action);
  return query.execute();
}
