/*
 * The sandbox keeps its data in SQLite through sql.js (SQLite compiled to WebAssembly), not a native binding:
 * `npm install` on a fresh machine must not need a C++ compiler, and better-sqlite3 either compiles one or downloads a
 * prebuilt binary at install time. sql.js holds the database in memory, so after every committed write the whole file
 * is written to a temporary file and renamed over the old one: a killed process leaves the old or the new file, never
 * half of one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import initSqlJs from 'sql.js';
import type { BindParams, Database, SqlJsStatic, SqlValue } from 'sql.js';
import { TABLES } from './tables';

export const IN_MEMORY = ':memory:';

export type Row = Record<string, SqlValue>;

export interface SandboxDb {
  /** Runs `write` in one transaction and persists the file once it has committed; nested calls join the outer one. */
  transaction<T>(write: () => T): T;
  run(sql: string, params?: BindParams): void;
  all(sql: string, params?: BindParams): Row[];
  get(sql: string, params?: BindParams): Row | undefined;
  close(): void;
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Compiling the wasm module takes a while; every sandbox in a process shares one. */
function loadSqlJs(): Promise<SqlJsStatic> {
  const require = createRequire(import.meta.url);
  sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  return sqlJs;
}

export async function openDb(file: string): Promise<SandboxDb> {
  const SQL = await loadSqlJs();
  const onDisk = file !== IN_MEMORY;
  const db = new SQL.Database(onDisk && existsSync(file) ? readFileSync(file) : null);
  db.run(TABLES);
  const persist = onDisk ? () => writeAtomically(file, db.export()) : () => undefined;
  persist();
  return wrap(db, persist);
}

function wrap(db: Database, persist: () => void): SandboxDb {
  const all = (sql: string, params?: BindParams): Row[] => {
    const statement = db.prepare(sql);
    try {
      if (params) statement.bind(params);
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  };
  let depth = 0;
  return {
    transaction(write) {
      if (depth > 0) return write();
      depth += 1;
      db.run('BEGIN');
      let result: ReturnType<typeof write>;
      try {
        result = write();
        db.run('COMMIT');
      } catch (error) {
        db.run('ROLLBACK');
        throw error;
      } finally {
        depth -= 1;
      }
      persist();
      return result;
    },
    run: (sql, params) => void db.run(sql, params ?? undefined),
    all,
    get: (sql, params) => all(sql, params)[0],
    close: () => db.close(),
  };
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
