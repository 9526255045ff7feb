import type { Kysely } from 'kysely';
import type { Destination } from '../../lib/schemas/destination';
import type { PostbackFacts } from '../destinations/postback-facts';
import { compiledOnce } from '../db/compiled-once';
import { destinationFromRow } from '../destinations/store';
import type { Tables } from '../db/tables';

type Db = Kysely<Tables>;

/** A claimed delivery with what its postback needs. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  destination: Destination;
  facts: PostbackFacts;
}

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  /** PostgreSQL: several processes claim at once, so claims skip rows another transaction holds. */
  engine: 'sqlite' | 'postgres';
}

/**
 * Claims up to `limit` due deliveries of one destination for this process. A delivery is due when pending, its retry
 * time has come, nobody holds an unexpired lease on it, and its contact has a click id (without one it is `held`).
 * On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED and leased in the same statement, so two processes
 * never claim one delivery; on SQLite the one writer does it in one statement. A process that dies keeps its claims
 * only until the lease expires; then they are due again, with the same event id.
 */
export async function claimDue(db: Db, destinationId: string, limit: number, options: ClaimOptions): Promise<string[]> {
  const now = Date.now();
  let due = db
    .selectFrom('deliveries')
    .innerJoin('events', 'events.id', 'deliveries.event_id')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .select('deliveries.id')
    .where('deliveries.destination_id', '=', destinationId)
    .where('deliveries.state', '=', 'pending')
    .where('deliveries.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('deliveries.lease_expires_at', 'is', null), eb('deliveries.lease_expires_at', '<=', now)]))
    .where('contacts.click_id', 'is not', null)
    .where('contacts.click_id', '<>', '')
    .orderBy('deliveries.next_attempt_at')
    .orderBy('deliveries.created_at')
    .limit(limit);
  if (options.engine === 'postgres') due = due.forUpdate('deliveries').skipLocked();
  const claimed = await db
    .updateTable('deliveries')
    .set({ claimed_by: options.owner, lease_expires_at: now + options.leaseMs })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  return claimed.map((row) => row.id);
}

/** The claimed deliveries with their event, contact, operator and destination. */
export async function loadClaimed(db: Db, ids: readonly string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('events', 'events.id', 'deliveries.event_id')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .innerJoin('destinations', 'destinations.id', 'deliveries.destination_id')
    .leftJoin('operators', 'operators.id', 'events.operator_id')
    .selectAll('destinations')
    .select([
      'deliveries.id as delivery_id',
      'deliveries.attempts',
      'events.id as event_id',
      'events.type as event_type',
      'events.amount',
      'events.currency',
      'events.occurred_at',
      'contacts.channel',
      'contacts.external_id',
      'contacts.username',
      'contacts.click_id',
      'contacts.sub_id',
      'contacts.source',
      'contacts.campaign',
      'operators.email as operator_email',
    ])
    .where('deliveries.id', 'in', ids)
    .execute();
  const defined = <T>(value: T | null) => value ?? undefined;
  return rows.map((row) => ({
    id: row.delivery_id,
    attempts: row.attempts,
    destination: destinationFromRow(row),
    facts: {
      eventId: row.event_id,
      eventType: row.event_type,
      amount: defined(row.amount),
      currency: defined(row.currency),
      clickId: row.click_id ?? '',
      subId: defined(row.sub_id),
      source: defined(row.source),
      campaign: defined(row.campaign),
      channel: row.channel as PostbackFacts['channel'],
      contactId: row.external_id,
      username: defined(row.username),
      operatorEmail: defined(row.operator_email),
      occurredAt: row.occurred_at,
    },
  }));
}

/**
 * 2xx: delivered for good. Not tied to the claim: the tracker has it, whoever asked. Its update is compiled once (one
 * runs per postback, and building it anew was a visible part of a backlog's drain); make one writer per database.
 */
export function deliveredWriter(): (db: Db, id: string, attemptedAt: number) => Promise<void> {
  const update = compiledOnce<{ id: string; attemptedAt: number; deliveredAt: number }, never>((db, value) =>
    db
      .updateTable('deliveries')
      .set((eb) => ({
        state: 'delivered',
        attempts: eb('attempts', '+', 1),
        last_attempt_at: value('attemptedAt'),
        delivered_at: value('deliveredAt'),
        last_error: null,
        claimed_by: null,
        lease_expires_at: null,
      }))
      .where('id', '=', value('id'))
      .where('state', '<>', 'delivered'),
  );
  return async (db, id, attemptedAt) => {
    await update(db, { id, attemptedAt, deliveredAt: Date.now() });
  };
}

/** Refused (visible, resendable) or to be tried again at `nextAttemptAt`; only while this process still holds it. */
export async function markAttempted(
  db: Db,
  id: string,
  owner: string,
  change: { state: 'pending' | 'failed'; error: string; attemptedAt: number; nextAttemptAt?: number },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set((eb) => ({
      state: change.state,
      attempts: eb('attempts', '+', 1),
      last_attempt_at: change.attemptedAt,
      last_error: change.error,
      ...(change.nextAttemptAt === undefined ? {} : { next_attempt_at: change.nextAttemptAt }),
      claimed_by: null,
      lease_expires_at: null,
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', owner)
    .where('state', '=', 'pending')
    .execute();
}

/** Claims this process gives back unsent (it is stopping, the destination went away, or a claim waited too long). */
export async function release(db: Db, ids: readonly string[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ claimed_by: null, lease_expires_at: null })
    .where('id', 'in', ids)
    .where('claimed_by', '=', owner)
    .execute();
}

/** Live, enabled destinations: the ones whose pending deliveries may go now. */
export async function sendingDestinations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('destinations')
    .select('id')
    .where('deleted_at', 'is', null)
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
