import { sql, type Kysely, type QueryCreator } from 'kysely';
import { auditRow, auditWriter, type AuditEntry } from '../audit/log';
import { trackerDataColumns } from '../contacts/rows';
import { compiledOnce, standInRow, type StandIn } from '../db/compiled-once';
import { createDeliveries } from '../deliveries/create';
import type { EventRow, Tables } from '../db/tables';

type Db = Kysely<Tables>;

/** The contact a new event names: created when new, its names refreshed when known. */
export interface ContactValues extends Record<string, unknown> {
  /** The id a new contact gets; a known one keeps its own. */
  contactId: string;
  channel: string;
  externalId: string;
  displayName: string | null;
  username: string | null;
  now: number;
}

/** One event to write: its row (the contact's id is found while writing), its contact, and what the audit log says. */
export interface EventWrite {
  row: Omit<EventRow, 'contact_id'>;
  contact: ContactValues;
  /** A manager's own event is audited as `event_logged`, with these facts; a bot flow's or a partner's is not. */
  audit?: Pick<AuditEntry, 'operatorId' | 'details' | 'clientAddress'>;
  /** A partner's postback is shown in the history, never sent back to trackers (server.md, "Intakes"). */
  queueDeliveries: boolean;
}

/** What was written; undefined when the event's id was stored already, and then the caller rolls back. */
export type Written = { contactId: string; queued: number } | undefined;

/** Writes one event, its contact, its deliveries and its audit row in the caller's transaction. */
export type WriteEvent = (db: Db, write: EventWrite) => Promise<Written>;

const eventLogged = (eventId: string, facts: EventWrite['audit']): AuditEntry => ({
  ...facts,
  action: 'event_logged',
  target: eventId,
});

function contactUpsert(db: QueryCreator<Tables>, value: StandIn<ContactValues>) {
  return db
    .insertInto('contacts')
    .values({
      id: value('contactId'),
      channel: value('channel'),
      external_id: value('externalId'),
      display_name: value('displayName'),
      username: value('username'),
      ...trackerDataColumns({}),
      created_at: value('now'),
      updated_at: value('now'),
    })
    .onConflict((conflict) =>
      conflict.columns(['channel', 'external_id']).doUpdateSet((eb) => ({
        display_name: eb.fn.coalesce('excluded.display_name', 'contacts.display_name'),
        username: eb.fn.coalesce('excluded.username', 'contacts.username'),
        updated_at: value('now'),
      })),
    )
    .returning('id');
}

/**
 * SQLite: one statement after another, each a call into the same process; the transaction around them is the group
 * commit's (`server/db/group-commit.ts`).
 */
export function writeStatementByStatement(): WriteEvent {
  const upsertContact = compiledOnce<ContactValues, { id: string }>((db, value) => contactUpsert(db, value));
  const insertEvent = compiledOnce<EventRow, { id: string }>((db, value, first) =>
    db
      .insertInto('events')
      .values(standInRow(first, value))
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id'),
  );
  const writeAudit = auditWriter();
  return async (db, { row, contact, audit, queueDeliveries }) => {
    const [upserted] = await upsertContact(db, contact);
    if (!upserted) throw new Error(`Contact ${contact.channel}/${contact.externalId} was neither created nor found`);
    const [inserted] = await insertEvent(db, { ...row, contact_id: upserted.id });
    if (!inserted) return undefined;
    const queued = queueDeliveries ? await createDeliveries(db, { id: row.id, type: row.type }) : 0;
    if (audit) await writeAudit(db, eventLogged(row.id, audit));
    return { contactId: upserted.id, queued };
  };
}

/** The values the one statement takes beside the event's row. */
type StatementValues = ContactValues & {
  auditId: string;
  auditOperatorId: string | null;
  auditDetails: string | null;
  clientAddress: string | null;
  /** Whether the audit log gets an `event_logged` row. */
  audited: boolean;
  /** The event type a destination must list for the event to be queued to it: none for a postback. */
  queueFor: string;
};
const NOT_EVENT_COLUMNS: readonly string[] = [
  'contactId',
  'channel',
  'externalId',
  'displayName',
  'username',
  'now',
  'auditId',
  'auditOperatorId',
  'auditDetails',
  'clientAddress',
  'audited',
  'queueFor',
] satisfies (keyof StatementValues & string)[];

type EventColumns = Omit<EventRow, 'contact_id'>;

/**
 * PostgreSQL: the contact, the event, its deliveries and its audit row in one statement (data-modifying CTEs), so an
 * event costs its transaction one round trip between begin and commit instead of five, and the driver's work for each
 * (docs/performance.md, "The server"). The rules are the SQLite statements': a destination takes the event when it is
 * enabled, not deleted and lists its type (`destinationTakes`); each delivery starts pending and due now. Every part
 * but the contact's reads the event's CTE, so a retry's id writes nothing there, and the caller rolls the contact's
 * change back.
 */
export function writeInOneStatement(): WriteEvent {
  const write = compiledOnce<EventColumns & StatementValues, { contact_id: string; queued: number }>(
    (db, value, first) => {
      const eventColumns = Object.fromEntries(
        Object.keys(first)
          .filter((column) => !NOT_EVENT_COLUMNS.includes(column))
          .map((column) => [column, value(column as keyof EventColumns & string)]),
      ) as EventColumns;
      return db
        .with('contact', (qc) => contactUpsert(qc, value))
        .with('event', (qc) =>
          qc
            .insertInto('events')
            .values({ ...eventColumns, contact_id: (eb) => eb.selectFrom('contact').select('id') })
            .onConflict((conflict) => conflict.column('id').doNothing())
            .returning('id'),
        )
        .with('queued', (qc) =>
          qc
            .insertInto('deliveries')
            .columns(['id', 'event_id', 'destination_id', 'state', 'attempts', 'next_attempt_at', 'created_at'])
            .expression((eb) =>
              eb
                .selectFrom(['event', 'destinations'])
                .select([
                  sql<string>`gen_random_uuid()::text`.as('id'),
                  'event.id as event_id',
                  'destinations.id as destination_id',
                  sql<'pending'>`'pending'`.as('state'),
                  sql<number>`0`.as('attempts'),
                  sql<number>`${value('now')}::bigint`.as('next_attempt_at'),
                  sql<number>`${value('now')}::bigint`.as('created_at'),
                ])
                .where('destinations.deleted_at', 'is', null)
                .where('destinations.enabled', '=', 1)
                .where(sql<boolean>`destinations.events::jsonb @> jsonb_build_array(${value('queueFor')}::text)`),
            )
            .returning('id'),
        )
        .with('audit', (qc) =>
          qc
            .insertInto('audit_log')
            .columns(['id', 'at', 'operator_id', 'action', 'target', 'details', 'client_address'])
            .expression((eb) =>
              eb
                .selectFrom('event')
                .select([
                  sql<string>`${value('auditId')}::text`.as('id'),
                  sql<number>`${value('now')}::bigint`.as('at'),
                  sql<string | null>`${value('auditOperatorId')}::text`.as('operator_id'),
                  sql<string>`'event_logged'`.as('action'),
                  'event.id as target',
                  sql<string | null>`${value('auditDetails')}::text`.as('details'),
                  sql<string | null>`${value('clientAddress')}::text`.as('client_address'),
                ])
                .where(sql<boolean>`${value('audited')}::boolean`),
            ),
        )
        .selectFrom('event')
        .select((eb) => [
          eb.selectFrom('contact').select('id').as('contact_id'),
          eb.selectFrom('queued').select(eb.fn.countAll<number>().as('count')).as('queued'),
        ]);
    },
  );
  return async (db, { row, contact, audit, queueDeliveries }) => {
    const entry = audit ? auditRow(eventLogged(row.id, audit)) : undefined;
    const [written] = await write(db, {
      ...row,
      ...contact,
      auditId: entry?.id ?? '',
      auditOperatorId: entry?.operator_id ?? null,
      auditDetails: entry?.details ?? null,
      clientAddress: entry?.client_address ?? null,
      audited: entry !== undefined,
      queueFor: queueDeliveries ? row.type : 'none',
    });
    return written && { contactId: written.contact_id, queued: written.queued };
  };
}
