import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Contact, ContactKey, ContactRef, TrackerEvent, TrackerEventInput } from '../../lib/schemas/api';
import { writeAudit } from '../audit/log';
import { contactFromRow, trackerDataColumns } from '../contacts/rows';
import { isUniqueViolation } from '../db/errors';
import type { Tables } from '../db/tables';
import { canonicalJson, eventFromRow, eventRow } from './rows';
import type { Receipt } from './rows';

export type RecordOutcome =
  | { kind: 'created'; event: TrackerEvent }
  /** The same id with the same body: a retry, nothing new stored. */
  | { kind: 'same'; event: TrackerEvent }
  | { kind: 'idempotency_conflict' }
  | { kind: 'deposit_exists' };

export interface TrackerStore {
  addContact(contact: Contact): Promise<void>;
  lookup(key: ContactKey, limit: number): Promise<{ contact: Contact; events: TrackerEvent[] } | undefined>;
  /**
   * Stores the event once, creating its contact when new, and commits before it answers. Correct with several server
   * processes on one database: the primary key decides between two posts of one id, the partial unique index
   * `events_one_deposit_per_contact` between two first deposits of one contact — never a check made in this process.
   */
  record(input: TrackerEventInput, receipt: Receipt, audit?: { clientAddress?: string }): Promise<RecordOutcome>;
  /** Every stored event, oldest first. */
  allEvents(): Promise<TrackerEvent[]>;
}

type Db = Kysely<Tables>;

/** Thrown inside the transaction to roll back a write that turned out to be a retry or a conflict. */
class NotStored extends Error {}

const eventsWithContact = (db: Db) =>
  db.selectFrom('events').innerJoin('contacts', 'contacts.id', 'events.contact_id').selectAll('events').select(['contacts.channel', 'contacts.external_id']);

async function upsertContact(db: Db, ref: ContactRef): Promise<string> {
  const now = Date.now();
  const row = await db
    .insertInto('contacts')
    .values({
      id: randomUUID(),
      channel: ref.channel,
      external_id: ref.externalId,
      display_name: ref.displayName ?? null,
      username: ref.username ?? null,
      ...trackerDataColumns({}),
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.columns(['channel', 'external_id']).doUpdateSet((eb) => ({
        display_name: eb.fn.coalesce('excluded.display_name', 'contacts.display_name'),
        username: eb.fn.coalesce('excluded.username', 'contacts.username'),
        updated_at: now,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function createTrackerStore(database: Db): TrackerStore {
  const existing = async (input: TrackerEventInput): Promise<RecordOutcome | undefined> => {
    const row = await eventsWithContact(database).where('events.id', '=', input.id).executeTakeFirst();
    if (!row) return undefined;
    if (row.canonical_body !== canonicalJson(input)) return { kind: 'idempotency_conflict' };
    return { kind: 'same', event: eventFromRow(row) };
  };

  return {
    async addContact(contact) {
      const now = Date.now();
      await database
        .insertInto('contacts')
        .values({
          id: randomUUID(),
          channel: contact.channel,
          external_id: contact.externalId,
          display_name: contact.displayName ?? null,
          username: contact.username ?? null,
          ...trackerDataColumns(contact.trackerData),
          created_at: now,
          updated_at: now,
        })
        .execute();
    },

    async lookup({ channel, externalId }, limit) {
      const contact = await database.selectFrom('contacts').selectAll().where('channel', '=', channel).where('external_id', '=', externalId).executeTakeFirst();
      if (!contact) return undefined;
      const rows = await eventsWithContact(database)
        .where('events.contact_id', '=', contact.id)
        .orderBy('events.occurred_at_ms', 'desc')
        .orderBy('events.received_at', 'desc')
        .orderBy('events.id', 'desc')
        .limit(limit)
        .execute();
      return { contact: contactFromRow(contact), events: rows.map(eventFromRow) };
    },

    async record(input, receipt, audit) {
      // A retry is recognised before any other rule (below, when the insert is refused), so a stored deposit answers
      // 200, not deposit_exists.
      try {
        const event = await database.transaction().execute(async (db) => {
          const contactId = await upsertContact(db, input.contact);
          const inserted = await db.insertInto('events').values(eventRow(input, receipt, contactId)).onConflict((conflict) => conflict.column('id').doNothing()).returning('id').executeTakeFirst();
          if (!inserted) throw new NotStored();
          if (receipt.source === 'manual') {
            await writeAudit(db, { action: 'event_logged', operatorId: receipt.operatorId, target: input.id, details: { type: input.type }, clientAddress: audit?.clientAddress });
          }
          return eventFromRow({ ...eventRow(input, receipt, contactId), channel: input.contact.channel, external_id: input.contact.externalId });
        });
        return { kind: 'created', event };
      } catch (error) {
        // Another request (perhaps another server process) stored this id meanwhile, or a first deposit for the contact.
        if (!(error instanceof NotStored) && !isUniqueViolation(error)) throw error;
        const now = await existing(input);
        if (now) return now;
        if (error instanceof NotStored) throw new Error(`Event ${input.id} was neither stored nor found`, { cause: error });
        return { kind: 'deposit_exists' };
      }
    },

    async allEvents() {
      const rows = await eventsWithContact(database).orderBy('events.received_at').orderBy('events.id').execute();
      return rows.map(eventFromRow);
    },
  };
}
