import { contactSchema, trackerEventSchema } from '../lib/schemas/api';
import type { Contact, ContactKey, ContactRef, TrackerEvent, TrackerEventInput } from '../lib/schemas/api';
import type { TrackerDataUpdate } from '../lib/schemas/tracker-data';
import type { Row, SandboxDb } from './db';

/** What the platform adds to an event the client posted. */
export type Receipt = Pick<TrackerEvent, 'status' | 'receivedAt' | 'source' | 'stepName' | 'operatorId'>;

export interface StoredEvent {
  event: TrackerEvent;
  /** The posted input with sorted keys: a retry is "the same body" when this matches. */
  canonicalBody: string;
}

export interface TrackerStore {
  addContact(contact: Contact): void;
  contact(key: ContactKey): Contact | undefined;
  /** Sets the contact's tracker data (creating the contact), keeping keys the update does not name. */
  linkTrackerData(key: ContactKey, update: TrackerDataUpdate): Contact;
  /** Newest first by when the operator pressed Save. */
  latestEvents(key: ContactKey, limit: number): TrackerEvent[];
  eventById(id: string): StoredEvent | undefined;
  hasDeposit(key: ContactKey): boolean;
  /** Stores the event, creating its contact when the platform has not seen it yet. */
  record(input: TrackerEventInput, receipt: Receipt): TrackerEvent;
  /** Every stored event, oldest first. */
  allEvents(): TrackerEvent[];
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, inner]) => [key, sortKeys(inner)]));
}

function toContact(row: Row): Contact {
  return contactSchema.parse({
    channel: row.channel,
    externalId: row.external_id,
    displayName: row.display_name ?? undefined,
    username: row.username ?? undefined,
    trackerData: JSON.parse(String(row.tracker_data)),
  });
}

const toEvent = (row: Row): TrackerEvent => trackerEventSchema.parse(JSON.parse(String(row.body)));

export function createTrackerStore(db: SandboxDb): TrackerStore {
  const upsertContact = (ref: ContactRef) => {
    db.run(
      `INSERT INTO contacts (channel, external_id, display_name, username) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel, external_id) DO UPDATE SET
         display_name = COALESCE(excluded.display_name, display_name),
         username = COALESCE(excluded.username, username)`,
      [ref.channel, ref.externalId, ref.displayName ?? null, ref.username ?? null],
    );
  };

  return {
    addContact(contact) {
      db.run('INSERT INTO contacts (channel, external_id, display_name, username, tracker_data) VALUES (?, ?, ?, ?, ?)', [
        contact.channel, contact.externalId, contact.displayName ?? null, contact.username ?? null,
        JSON.stringify(contact.trackerData),
      ]);
    },

    contact({ channel, externalId }) {
      const row = db.get('SELECT * FROM contacts WHERE channel = ? AND external_id = ?', [channel, externalId]);
      return row && toContact(row);
    },

    linkTrackerData(key, update) {
      upsertContact(key);
      const row = db.get('SELECT tracker_data FROM contacts WHERE channel = ? AND external_id = ?', [key.channel, key.externalId]);
      const trackerData = { ...JSON.parse(String(row?.tracker_data ?? '{}')), ...update };
      db.run('UPDATE contacts SET tracker_data = ? WHERE channel = ? AND external_id = ?', [
        JSON.stringify(trackerData), key.channel, key.externalId,
      ]);
      return toContact(db.get('SELECT * FROM contacts WHERE channel = ? AND external_id = ?', [key.channel, key.externalId])!);
    },

    latestEvents({ channel, externalId }, limit) {
      return db
        .all(
          `SELECT body FROM events WHERE channel = ? AND external_id = ?
           ORDER BY occurred_at_ms DESC, received_at DESC, rowid DESC LIMIT ?`,
          [channel, externalId, limit],
        )
        .map(toEvent);
    },

    eventById(id) {
      const row = db.get('SELECT body, canonical_body FROM events WHERE id = ?', [id]);
      return row && { event: toEvent(row), canonicalBody: String(row.canonical_body) };
    },

    hasDeposit({ channel, externalId }) {
      return db.get(`SELECT 1 FROM events WHERE channel = ? AND external_id = ? AND type = 'deposit'`, [channel, externalId]) !== undefined;
    },

    record(input, receipt) {
      const event = trackerEventSchema.parse({ ...input, ...receipt });
      const write = () => {
        upsertContact(input.contact);
        db.run(
          `INSERT INTO events (id, channel, external_id, type, occurred_at_ms, body, canonical_body, received_at, status,
             source, step_name, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            event.id, input.contact.channel, input.contact.externalId, event.type, Date.parse(event.occurredAt),
            canonicalJson(event), canonicalJson(input), event.receivedAt, event.status, event.source,
            event.stepName ?? null, event.operatorId ?? null,
          ],
        );
      };
      db.transaction(write);
      return event;
    },

    allEvents() {
      return db.all('SELECT body FROM events ORDER BY rowid').map(toEvent);
    },
  };
}
