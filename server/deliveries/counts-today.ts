import type { Kysely } from 'kysely';
import type { DeliveryCounts } from '../../lib/schemas/admin-deliveries';
import type { Tables } from '../db/tables';

const DAY_MS = 86_400_000;

/** 00:00 UTC of the day `now` falls in: the server's day, as the console's date filters count days. */
export const startOfUtcDay = (now: number): number => now - (now % DAY_MS);

export const NO_DELIVERIES: DeliveryCounts = { delivered: 0, pending: 0, held: 0, failed: 0 };

/**
 * Each destination's deliveries queued since 00:00 UTC today, by their state now; `held` is a pending one whose contact
 * has no click id yet (deliveries/read.ts reads it the same way). One grouped query, whatever the number of destinations.
 */
export async function deliveryCountsToday(db: Kysely<Tables>, now = Date.now()): Promise<Map<string, DeliveryCounts>> {
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('events', 'events.id', 'deliveries.event_id')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .select((eb) => [
      'deliveries.destination_id as destinationId',
      eb
        .case()
        .when(
          eb.and([
            eb('deliveries.state', '=', 'pending'),
            eb.or([eb('contacts.click_id', 'is', null), eb('contacts.click_id', '=', '')]),
          ]),
        )
        .then('held')
        .else(eb.ref('deliveries.state'))
        .end()
        .as('shownState'),
      eb.fn.countAll().as('count'),
    ])
    .where('deliveries.created_at', '>=', startOfUtcDay(now))
    .groupBy(['deliveries.destination_id', 'shownState'])
    .execute();
  const counts = new Map<string, DeliveryCounts>();
  for (const row of rows) {
    const shown = row.shownState as keyof DeliveryCounts;
    const those = counts.get(row.destinationId) ?? { ...NO_DELIVERIES };
    // PostgreSQL answers count(*) as a bigint text, SQLite as a number.
    those[shown] += Number(row.count);
    counts.set(row.destinationId, those);
  }
  return counts;
}
