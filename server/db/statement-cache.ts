import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 256;

/**
 * Kysely prepares every query anew, and on better-sqlite3 preparing costs more than running a small statement. The
 * server's queries are few and fixed (values are bound, never spliced in), so prepared statements are kept by SQL
 * text, the least recently used dropped past MAX_STATEMENTS.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
