import type { Kysely } from 'kysely';
import type { TrackerEvent } from '../../lib/schemas/api';
import type { Tables } from '../db/tables';
import { deliveriesByEvent } from '../deliveries/read';
import { eventFromRow } from './rows';

/** The popup's list (docs/tracker-api.md "Deliveries"): an operator's own events no tracker counted, newest first. */
export async function failedEventsOf(db: Kysely<Tables>, operatorId: string, limit: number): Promise<TrackerEvent[]> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .selectAll('events')
    .select(['contacts.channel', 'contacts.external_id'])
    .where('events.operator_id', '=', operatorId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('deliveries')
          .select('deliveries.id')
          .whereRef('deliveries.event_id', '=', 'events.id')
          .where('deliveries.state', '=', 'failed'),
      ),
    )
    .orderBy('events.received_at', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit)
    .execute();
  const byEvent = await deliveriesByEvent(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...eventFromRow(row), deliveries: byEvent.get(row.id) ?? [] }));
}
