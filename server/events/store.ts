import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Contact, ContactKey, TrackerEvent, TrackerEventInput } from '../../lib/schemas/api';
import { contactFromRow, trackerDataColumns } from '../contacts/rows';
import { isUniqueViolation } from '../db/errors';
import { groupCommit, transactionEach } from '../db/group-commit';
import { deliveriesByEvent } from '../deliveries/read';
import type { Tables } from '../db/tables';
import { canonicalJson, eventFromRow, eventRow } from './rows';
import type { Receipt } from './rows';
import { writeInOneStatement, writeStatementByStatement } from './write';

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
   * `events_one_deposit_per_contact` between two first deposits of one contact (a partner's postback is not one) — never
   * a check made in this process.
   */
  record(input: TrackerEventInput, receipt: Receipt, audit?: { clientAddress?: string }): Promise<RecordOutcome>;
  /** Every stored event, oldest first. */
  allEvents(): Promise<TrackerEvent[]>;
}

type Db = Kysely<Tables>;

/** Thrown inside the transaction to roll back a write that turned out to be a retry or a conflict. */
class NotStored extends Error {}

const eventsWithContact = (db: Db) =>
  db
    .selectFrom('events')
    .innerJoin('contacts', 'contacts.id', 'events.contact_id')
    .selectAll('events')
    .select(['contacts.channel', 'contacts.external_id']);

/** Attaches each event's deliveries (managers see destination names only; the Delivery shape has no URL). */
async function withDeliveries(db: Db, events: TrackerEvent[]): Promise<TrackerEvent[]> {
  const byEvent = await deliveriesByEvent(
    db,
    events.map((event) => event.id),
  );
  return events.map((event) => ({ ...event, deliveries: byEvent.get(event.id) ?? [] }));
}

export interface TrackerStoreOptions {
  /** On SQLite, events posted together are committed together (`server/db/group-commit.ts`). */
  engine: 'sqlite' | 'postgres';
  /** Called after an event with deliveries committed: the delivery worker reads the queue at once. */
  onDeliveriesQueued?: () => void;
}

export function createTrackerStore(database: Db, options: TrackerStoreOptions): TrackerStore {
  const commit = options.engine === 'sqlite' ? groupCommit(database) : transactionEach(database);
  const writeEvent = options.engine === 'sqlite' ? writeStatementByStatement() : writeInOneStatement();
  const existing = async (input: TrackerEventInput): Promise<RecordOutcome | undefined> => {
    const row = await eventsWithContact(database).where('events.id', '=', input.id).executeTakeFirst();
    if (!row) return undefined;
    if (row.canonical_body !== canonicalJson(input)) return { kind: 'idempotency_conflict' };
    const [event] = await withDeliveries(database, [eventFromRow(row)]);
    return { kind: 'same', event: event ?? eventFromRow(row) };
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
      const contact = await database
        .selectFrom('contacts')
        .selectAll()
        .where('channel', '=', channel)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (!contact) return undefined;
      const rows = await eventsWithContact(database)
        .where('events.contact_id', '=', contact.id)
        .orderBy('events.occurred_at_ms', 'desc')
        .orderBy('events.received_at', 'desc')
        .orderBy('events.id', 'desc')
        .limit(limit)
        .execute();
      return { contact: contactFromRow(contact), events: await withDeliveries(database, rows.map(eventFromRow)) };
    },

    async record(input, receipt, audit) {
      // A retry is recognised before any other rule (below, when the insert is refused), so a stored deposit answers
      // 200, not deposit_exists.
      try {
        let queued = 0;
        const stored = await commit(async (db) => {
          const { contact } = input;
          const row = eventRow(input, receipt);
          const written = await writeEvent(db, {
            row,
            contact: {
              contactId: randomUUID(),
              channel: contact.channel,
              externalId: contact.externalId,
              displayName: contact.displayName ?? null,
              username: contact.username ?? null,
              now: Date.now(),
            },
            audit:
              receipt.source === 'manual'
                ? { operatorId: receipt.operatorId, details: { type: input.type }, clientAddress: audit?.clientAddress }
                : undefined,
            // A tracker's own postback is shown in the history, never sent back to trackers (server.md, "Intakes").
            queueDeliveries: receipt.source !== 'postback',
          });
          if (!written) throw new NotStored();
          queued = written.queued;
          return eventFromRow({
            ...row,
            contact_id: written.contactId,
            channel: input.contact.channel,
            external_id: input.contact.externalId,
          });
        });
        // No destination took it, so it has no deliveries to read: one query fewer on the event path.
        if (queued === 0) return { kind: 'created', event: { ...stored, deliveries: [] } };
        options.onDeliveriesQueued?.();
        const [event] = await withDeliveries(database, [stored]);
        return { kind: 'created', event: event ?? stored };
      } catch (error) {
        // Another request (perhaps another server process) stored this id meanwhile, or a first deposit for the contact.
        if (!(error instanceof NotStored) && !isUniqueViolation(error)) throw error;
        const now = await existing(input);
        if (now) return now;
        if (error instanceof NotStored)
          throw new Error(`Event ${input.id} was neither stored nor found`, { cause: error });
        return { kind: 'deposit_exists' };
      }
    },

    async allEvents() {
      const rows = await eventsWithContact(database).orderBy('events.received_at').orderBy('events.id').execute();
      return rows.map(eventFromRow);
    },
  };
}
