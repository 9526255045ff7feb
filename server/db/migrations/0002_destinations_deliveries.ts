import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const sqlIn = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;

/**
 * Destinations (where events are forwarded, secrets included: the server must send them) and deliveries, the durable
 * queue: one row per (event, destination), kept after a destination is deleted so its history stays readable.
 */
export const destinationsDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('destinations')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('url', 'text', (column) => column.notNull())
      .addColumn('enabled', 'integer', (column) => column.notNull().check(sqlIn('enabled', ['0', '1'])))
      // JSON texts: the shapes are the Destination schema's, validated before every write.
      .addColumn('events', 'text', (column) => column.notNull())
      .addColumn('status_map', 'text', (column) => column.notNull())
      .addColumn('method', 'text')
      .addColumn('headers', 'text')
      .addColumn('body', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('event_id', 'text', (column) => column.notNull().references('events.id'))
      .addColumn('destination_id', 'text', (column) => column.notNull().references('destinations.id'))
      // `held` is not stored: it is a pending delivery whose contact has no click id yet, known when read.
      .addColumn('state', 'text', (column) =>
        column.notNull().check(sqlIn('state', ['pending', 'delivered', 'failed'])),
      )
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (column) => column.notNull())
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('last_error', 'text')
      // A claim: which server process is sending it, and until when; an expired lease is free to claim again.
      .addColumn('claimed_by', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('deliveries_event_destination', ['event_id', 'destination_id'])
      .execute();
    // What the queue asks on every poll: a destination's pending deliveries that are due.
    await db.schema
      .createIndex('deliveries_due')
      .on('deliveries')
      .columns(['destination_id', 'state', 'next_attempt_at'])
      .execute();
  },
};
