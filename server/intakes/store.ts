import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AdminIntake, IntakeKind } from '../../lib/schemas/console';
import { newToken, tokenHash } from '../auth/tokens';
import type { IntakeRow, Tables } from '../db/tables';

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function adminIntakeFromRow(row: IntakeRow): AdminIntake {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    revokedAt: isoOrNull(row.revoked_at),
    lastCallAt: isoOrNull(row.last_call_at),
    lastCallStatus: row.last_call_status === null ? null : Number(row.last_call_status),
  };
}

/** Creates an intake; the secret is returned this once and only its hash is stored (like a session token). */
export async function createIntake(
  db: Kysely<Tables>,
  name: string,
  kind: IntakeKind,
): Promise<{ row: IntakeRow; secret: string }> {
  const secret = newToken();
  const row: IntakeRow = {
    id: randomUUID(),
    name,
    kind,
    secret_hash: tokenHash(secret),
    created_at: Date.now(),
    revoked_at: null,
    last_call_at: null,
    last_call_status: null,
  };
  await db.insertInto('intakes').values(row).execute();
  return { row, secret };
}

export function listIntakes(db: Kysely<Tables>): Promise<IntakeRow[]> {
  return db.selectFrom('intakes').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Revokes it; it stays listed. False when no intake has this id. */
export async function revokeIntake(db: Kysely<Tables>, id: string): Promise<boolean> {
  const found = await db.selectFrom('intakes').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) return false;
  await db
    .updateTable('intakes')
    .set({ revoked_at: Date.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** The live intake behind a secret, or undefined for an unknown or revoked one. */
export function intakeBySecret(db: Kysely<Tables>, secret: string): Promise<IntakeRow | undefined> {
  return db
    .selectFrom('intakes')
    .selectAll()
    .where('secret_hash', '=', tokenHash(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function noteIntakeCall(db: Kysely<Tables>, id: string, status: number): Promise<void> {
  await db
    .updateTable('intakes')
    .set({ last_call_at: Date.now(), last_call_status: status })
    .where('id', '=', id)
    .execute();
}
