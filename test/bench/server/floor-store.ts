import Database from 'better-sqlite3';
import pg from 'pg';

/** One event as the floor stores it: the row the server writes for a posted event, already shaped. */
export interface FloorRow {
  id: string;
  channel: string;
  externalId: string;
  displayName: string | null;
  username: string | null;
  type: string;
  occurredAt: string;
  body: string;
  receivedAt: string;
}

export interface FloorStore {
  /** Stores the contact (if new) and the event in one durable transaction; resolves once it has committed. */
  insert(row: FloorRow): Promise<void>;
  close(): Promise<void>;
}

const CONTACT = 'INSERT INTO contacts (channel, external_id, display_name, username) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING';
const EVENT =
  'INSERT INTO events (id, channel, external_id, type, occurred_at, body, received_at, status, source) ' +
  "VALUES ($1, $2, $3, $4, $5, $6, $7, 'accepted', 'manual') ON CONFLICT (id) DO NOTHING";
const SCHEMA = `
CREATE TABLE IF NOT EXISTS contacts (
  channel TEXT NOT NULL, external_id TEXT NOT NULL, display_name TEXT, username TEXT,
  tracker_data TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (channel, external_id));
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
  body TEXT NOT NULL, received_at TEXT NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL,
  FOREIGN KEY (channel, external_id) REFERENCES contacts (channel, external_id));
CREATE INDEX IF NOT EXISTS events_by_contact ON events (channel, external_id, occurred_at);
`;

const contactParams = (row: FloorRow) => [row.channel, row.externalId, row.displayName, row.username];
const eventParams = (row: FloorRow) => [row.id, row.channel, row.externalId, row.type, row.occurredAt, row.body, row.receivedAt];

/** SQLite as the server opens it: WAL, and synchronous=FULL so a commit is on disk (not only in the OS) before 201. */
export function openSqliteFloor(file: string): FloorStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const toSqlite = (sql: string) => sql.replace(/\$\d+/g, '?');
  const contact = db.prepare(toSqlite(CONTACT));
  const event = db.prepare(toSqlite(EVENT));
  const store = db.transaction((row: FloorRow) => {
    contact.run(...contactParams(row));
    event.run(...eventParams(row));
  });
  return {
    insert: async (row) => void store.immediate(row),
    close: async () => void db.close(),
  };
}

/** PostgreSQL with its default durable commit (synchronous_commit on): COMMIT returns once the WAL is flushed. */
export async function openPostgresFloor(url: string, poolSize: number): Promise<FloorStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  await pool.query(SCHEMA);
  return {
    async insert(row) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(CONTACT, contactParams(row));
        await client.query(EVENT, eventParams(row));
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
