import type { Kysely } from 'kysely';
import type { Delivery } from '../../lib/schemas/delivery';
import type { Tables } from '../db/tables';

/**
 * Each event's deliveries as managers and admins see them: the destination's name (never its URL), `held` for a
 * pending one whose contact has no click id yet. Deleted destinations still name their past deliveries.
 */
export async function deliveriesByEvent(
  db: Kysely<Tables>,
  eventIds: readonly string[],
): Promise<Map<string, Delivery[]>> {
  const byEvent = new Map<string, Delivery[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('destinations', 'destinations.id', 'deliveries.destination_id')
    .innerJoin('events', 'events.id', 'deliveries.event_id')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .select([
      'deliveries.event_id',
      'deliveries.destination_id',
      'destinations.name',
      'deliveries.state',
      'deliveries.attempts',
      'deliveries.last_attempt_at',
      'deliveries.last_error',
      'contacts.click_id',
    ])
    .where('deliveries.event_id', 'in', eventIds)
    .orderBy('destinations.created_at')
    .orderBy('destinations.id')
    .execute();
  for (const row of rows) {
    const held = row.state === 'pending' && (row.click_id === null || row.click_id === '');
    byEvent.get(row.event_id)?.push({
      destinationId: row.destination_id,
      destination: row.name,
      state: held ? 'held' : row.state,
      attempts: row.attempts,
      ...(row.last_attempt_at === null ? {} : { lastAttemptAt: new Date(row.last_attempt_at).toISOString() }),
      ...(row.last_error === null ? {} : { lastError: row.last_error }),
    });
  }
  return byEvent;
}
