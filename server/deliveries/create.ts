import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EventType } from '../../lib/schemas/api';
import { destinationTakes } from '../destinations/postback-request';
import { destinationFromRow } from '../destinations/store';
import type { Tables } from '../db/tables';

/**
 * One delivery per destination that takes this event, written in the event's own transaction: an event is never
 * stored without its deliveries, so none is lost between the 201 and the queue. Destinations are read here, at the
 * event's commit, so one added later gets no past events.
 */
export async function createDeliveries(db: Kysely<Tables>, event: { id: string; type: EventType }): Promise<number> {
  const rows = await db
    .selectFrom('destinations')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('enabled', '=', 1)
    .execute();
  const now = Date.now();
  const deliveries = rows
    .map(destinationFromRow)
    .filter((destination) => destinationTakes(destination, event.type))
    .map((destination) => ({
      id: randomUUID(),
      event_id: event.id,
      destination_id: destination.id,
      state: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    }));
  if (deliveries.length > 0) await db.insertInto('deliveries').values(deliveries).execute();
  return deliveries.length;
}
