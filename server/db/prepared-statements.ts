import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** Names by SQL text of the queries compiled once (`compiled-once.ts`): the event path's, fixed and few. */
const names = new Map<string, string>();

/** Marks a query's SQL as one to keep prepared: it runs many times with other values, never with other text. */
export function keepPrepared(sql: string): void {
  if (!names.has(sql)) names.set(sql, `tracker_data_${names.size + 1}`);
}

/**
 * PostgreSQL: the queries kept prepared run as named prepared statements, so each connection has PostgreSQL parse and
 * plan them once instead of on every event (node-postgres prepares a named statement on its first run per connection
 * and then sends only its values). Kysely's driver sends every query unnamed. Like SQLite's statement cache
 * (`statement-cache.ts`), only for SQL whose values are bound parameters; other queries run unnamed as before, so
 * what a connection keeps prepared is bounded by the few queries marked.
 */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  // Kysely keeps a connection per client object it is given: the same client must come back as the same wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const wrapper: PostgresPoolClient = {
      query: ((sql: unknown, parameters?: unknown[]) => {
        const name = typeof sql === 'string' ? names.get(sql) : undefined;
        if (name !== undefined) return client.query({ name, text: sql as string, values: parameters });
        return client.query(sql as never, parameters);
      }) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
    wrappers.set(client, wrapper);
    return wrapper;
  };
  return {
    options: pool.options,
    connect: async () => {
      const client = await pool.connect();
      return wrappers.get(client) ?? wrap(client);
    },
    end: () => pool.end(),
  };
}
