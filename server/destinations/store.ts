import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { destinationSchema } from '../../lib/schemas/destination';
import type { Destination, DestinationInput } from '../../lib/schemas/destination';
import type { DestinationRow, Tables } from '../db/tables';

/** Destinations as stored: secrets in the clear (the server must send them); answers mask them, never this store. */
export interface DestinationStore {
  create(input: DestinationInput): Promise<Destination>;
  /** Live destinations, oldest first. */
  list(): Promise<Destination[]>;
  /** A live destination; undefined when unknown or deleted. */
  get(id: string): Promise<Destination | undefined>;
  replace(id: string, input: DestinationInput): Promise<Destination | undefined>;
  /** Soft delete: it gets nothing new, its deliveries and their history stay. */
  remove(id: string): Promise<boolean>;
}

export function destinationFromRow(row: DestinationRow): Destination {
  return destinationSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    enabled: row.enabled === 1,
    events: JSON.parse(row.events) as unknown,
    statusMap: JSON.parse(row.status_map) as unknown,
    ...(row.method === null ? {} : { method: row.method }),
    ...(row.headers === null ? {} : { headers: JSON.parse(row.headers) as unknown }),
    ...(row.body === null ? {} : { body: row.body }),
  });
}

function columnsOf(input: DestinationInput) {
  return {
    name: input.name,
    kind: input.kind,
    url: input.url,
    enabled: input.enabled ? (1 as const) : (0 as const),
    events: JSON.stringify(input.events),
    status_map: JSON.stringify(input.statusMap),
    method: input.method ?? null,
    headers: input.headers === undefined ? null : JSON.stringify(input.headers),
    body: input.body ?? null,
  };
}

export function createDestinationStore(db: Kysely<Tables>): DestinationStore {
  const live = () => db.selectFrom('destinations').selectAll().where('deleted_at', 'is', null);
  return {
    async create(input) {
      const now = Date.now();
      const row = await db
        .insertInto('destinations')
        .values({ id: randomUUID(), ...columnsOf(input), created_at: now, updated_at: now, deleted_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return destinationFromRow(row);
    },
    async list() {
      return (await live().orderBy('created_at').orderBy('id').execute()).map(destinationFromRow);
    },
    async get(id) {
      const row = await live().where('id', '=', id).executeTakeFirst();
      return row && destinationFromRow(row);
    },
    async replace(id, input) {
      const row = await db
        .updateTable('destinations')
        .set({ ...columnsOf(input), updated_at: Date.now() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && destinationFromRow(row);
    },
    async remove(id) {
      const result = await db
        .updateTable('destinations')
        .set({ deleted_at: Date.now() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
