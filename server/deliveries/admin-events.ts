import type { Kysely } from 'kysely';
import type { AdminEvent, AdminEventQuery } from '../../lib/schemas/admin-deliveries';
import type { Tables } from '../db/tables';
import { eventFromRow } from '../events/rows';
import { deliveriesByEvent } from './read';

const DEFAULT_PAGE = 50;

/** A page position: the last event shown, by (received_at, id), as an opaque text. */
const cursorOf = (receivedAt: string, id: string) =>
  Buffer.from(JSON.stringify([receivedAt, id])).toString('base64url');

function readCursor(cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')
      ? (value as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}

/** Who logged the event, for the admin's list; nothing for a flow's or a partner's event. */
function loggedBy(row: {
  operator_id: string | null;
  operator_name: string | null;
  operator_email: string | null;
}): Pick<AdminEvent, 'operator'> {
  if (row.operator_id === null || row.operator_name === null || row.operator_email === null) return {};
  return { operator: { id: row.operator_id, name: row.operator_name, email: row.operator_email } };
}

/** Every event an admin may see, newest first, each with its deliveries; `next` when more remain. */
export async function adminEventPage(
  db: Kysely<Tables>,
  query: AdminEventQuery,
): Promise<{ events: AdminEvent[]; next?: string } | 'bad_cursor'> {
  const limit = query.limit ?? DEFAULT_PAGE;
  let select = db
    .selectFrom('events')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .leftJoin('operators', 'operators.id', 'events.operator_id')
    .selectAll('events')
    .select([
      'contacts.channel',
      'contacts.external_id',
      'operators.name as operator_name',
      'operators.email as operator_email',
    ]);
  if (query.operator !== undefined) select = select.where('events.operator_id', '=', query.operator);
  if (query.contact !== undefined) {
    const contact = query.contact.replace(/^@/, '');
    select = select.where((eb) =>
      eb.or([eb('contacts.external_id', '=', contact), eb('contacts.username', '=', contact)]),
    );
  }
  if (query.type !== undefined) select = select.where('events.type', '=', query.type);
  if (query.since !== undefined) select = select.where('events.received_at', '>=', query.since);
  if (query.until !== undefined) select = select.where('events.received_at', '<', query.until);
  if (query.state !== undefined) {
    const state = query.state;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('deliveries')
          .select('deliveries.id')
          .whereRef('deliveries.event_id', '=', 'events.id')
          .where('deliveries.state', '=', state === 'held' ? 'pending' : state)
          .where((eb) => {
            if (state === 'held') return eb.or([eb('contacts.click_id', 'is', null), eb('contacts.click_id', '=', '')]);
            if (state === 'pending')
              return eb.and([eb('contacts.click_id', 'is not', null), eb('contacts.click_id', '<>', '')]);
            return eb.and([]);
          }),
      ),
    );
  }
  if (query.cursor !== undefined) {
    const after = readCursor(query.cursor);
    if (!after) return 'bad_cursor';
    const [receivedAt, id] = after;
    select = select.where((eb) =>
      eb.or([
        eb('events.received_at', '<', receivedAt),
        eb.and([eb('events.received_at', '=', receivedAt), eb('events.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('events.received_at', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const byEvent = await deliveriesByEvent(
    db,
    page.map((row) => row.id),
  );
  const last = page.at(-1);
  return {
    events: page.map((row) => ({ ...eventFromRow(row), deliveries: byEvent.get(row.id) ?? [], ...loggedBy(row) })),
    ...(rows.length > limit && last ? { next: cursorOf(last.received_at, last.id) } : {}),
  };
}

/**
 * An admin's resend: the delivery goes again now, with the same event id. One that does not exist yet (the destination
 * was added after the event) is created. A delivered one is not sent again: the tracker has it.
 */
export async function resendDelivery(
  db: Kysely<Tables>,
  eventId: string,
  destinationId: string,
): Promise<'queued' | 'already_delivered' | 'no_event' | 'no_destination'> {
  const event = await db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!event) return 'no_event';
  const destination = await db
    .selectFrom('destinations')
    .select('id')
    .where('id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!destination) return 'no_destination';
  const now = Date.now();
  await db
    .insertInto('deliveries')
    .values({
      id: crypto.randomUUID(),
      event_id: eventId,
      destination_id: destinationId,
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .onConflict((conflict) => conflict.columns(['event_id', 'destination_id']).doNothing())
    .execute();
  const updated = await db
    .updateTable('deliveries')
    .set({ state: 'pending', next_attempt_at: now })
    .where('event_id', '=', eventId)
    .where('destination_id', '=', destinationId)
    .where('state', '<>', 'delivered')
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n ? 'queued' : 'already_delivered';
}
