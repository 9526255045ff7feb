import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../../server/db/open';

/** One posted event as the floor stores it: the server's contact and event rows, already shaped. */
export interface FloorRow {
  channel: string;
  externalId: string;
  displayName: string | null;
  username: string | null;
  event: {
    id: string;
    type: string;
    amount: string | null;
    currency: string | null;
    occurredAt: string;
    receivedAt: string;
    canonicalBody: string;
  };
}

export interface FloorStore {
  /** Upserts the contact and inserts the event in one durable transaction; resolves once it has committed. */
  insert(row: FloorRow): Promise<void>;
  close(): Promise<void>;
}

// The server's two writes for a new event (server/events/store.ts), as plain SQL: the contact upsert that returns its
// id, and the event insert that a retry's primary key turns into nothing. Not the audit row, not the token lookup:
// those are what the server adds.
const CONTACT =
  'INSERT INTO contacts (id, channel, external_id, display_name, username, extra_tracker_data, created_at, updated_at) ' +
  "VALUES ($1, $2, $3, $4, $5, '{}', $6, $7) ON CONFLICT (channel, external_id) DO UPDATE SET " +
  'display_name = coalesce(excluded.display_name, contacts.display_name), username = coalesce(excluded.username, contacts.username), ' +
  'updated_at = excluded.updated_at RETURNING id';
const EVENT =
  'INSERT INTO events (id, contact_id, type, contact_display_name, contact_username, amount, currency, occurred_at, ' +
  'occurred_at_ms, received_at, status, source, canonical_body) ' +
  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'accepted', 'manual', $11) ON CONFLICT (id) DO NOTHING";

const contactParams = (row: FloorRow) => {
  const now = Date.now();
  return [randomUUID(), row.channel, row.externalId, row.displayName, row.username, now, now];
};
const eventParams = (row: FloorRow, contactId: string) => {
  const { event } = row;
  return [
    event.id,
    contactId,
    event.type,
    row.displayName,
    row.username,
    event.amount,
    event.currency,
    event.occurredAt,
    Date.parse(event.occurredAt),
    event.receivedAt,
    event.canonicalBody,
  ];
};

/**
 * SQLite opened and migrated by the server's own code (server/db/open.ts: WAL, synchronous=FULL, the same schema), then
 * written through the bare better-sqlite3 connection with two prepared statements.
 */
export async function openSqliteFloor(file: string): Promise<FloorStore> {
  const database = await openDatabase({ engine: 'sqlite', file });
  const sqlite = database.sqlite!;
  // Each $n appears once and in order, so SQLite's positional ? takes the same parameter list.
  const toSqlite = (sql: string) => sql.replace(/\$\d+/g, '?');
  const contact = sqlite.prepare(toSqlite(CONTACT)).pluck();
  const event = sqlite.prepare(toSqlite(EVENT));
  const store = sqlite.transaction((row: FloorRow) => {
    const contactId = contact.get(...contactParams(row)) as string;
    event.run(...eventParams(row, contactId));
  });
  return {
    insert: async (row) => void store.immediate(row),
    close: () => database.close(),
  };
}

/** PostgreSQL migrated by the server's own code, then written through a bare pg pool the size of the server's. */
export async function openPostgresFloor(url: string, poolSize: number): Promise<FloorStore> {
  await (await openDatabase({ engine: 'postgres', url })).close();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return {
    async insert(row) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string }>(CONTACT, contactParams(row));
        await client.query(EVENT, eventParams(row, rows[0]!.id));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
