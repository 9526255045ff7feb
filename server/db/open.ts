import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate';
import { withPreparedStatements } from './prepared-statements';
import { withStatementCache } from './statement-cache';
import type { Tables } from './tables';

export const SQLITE_FILE_NAME = 'tracker.sqlite';
const IN_MEMORY = ':memory:';

export type Storage =
  /** `file` is a path or ':memory:'. */
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface Database {
  db: Kysely<Tables>;
  engine: Storage['engine'];
  /** The SQLite connection itself, for in-process test readers that must answer synchronously; absent on PostgreSQL. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/** DATABASE_URL wins; otherwise one SQLite file under the data directory. */
export function storageFor(options: { databaseUrl?: string; dataDir?: string; databaseFile?: string }): Storage {
  if (options.databaseUrl) return { engine: 'postgres', url: options.databaseUrl };
  if (options.databaseFile) return { engine: 'sqlite', file: options.databaseFile };
  return { engine: 'sqlite', file: join(options.dataDir ?? '.tracker-data', SQLITE_FILE_NAME) };
}

/**
 * WAL lets readers go on while an event commits; synchronous=FULL syncs the WAL on every commit, so an answered 201
 * survives a power cut, not only a crash of this process; busy_timeout waits for a lock instead of failing at once.
 */
function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== IN_MEMORY) mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/** BIGINT columns hold milliseconds, well inside a double: read them as numbers, as SQLite does. */
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openDatabase(storage: Storage): Promise<Database> {
  let database: Database;
  if (storage.engine === 'sqlite') {
    const sqlite = openSqlite(storage.file);
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    database = { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: storage.url, types: pgTypes, max: 10 });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    database = { db, engine: 'postgres', close: () => db.destroy() };
  }
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
