import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Intakes (secret URLs bot platforms and partners call; only the secret's SHA-256 is kept, so a copied database opens
 * none), the team's settings (the first-message pattern), and partner postbacks whose click id no contact has yet,
 * kept for the admin instead of being dropped.
 */
export const intakesSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('intakes')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('links', 'flow', 'postbacks')`))
      .addColumn('secret_hash', 'text', (column) => column.notNull().unique())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_call_at', 'bigint')
      .addColumn('last_call_status', 'integer')
      .execute();

    await db.schema
      .createTable('team_settings')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('value', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('unmatched_postbacks')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('intake_id', 'text', (column) => column.notNull().references('intakes.id'))
      .addColumn('click_id', 'text', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('amount', 'text')
      .addColumn('currency', 'text')
      .addColumn('tid', 'text')
      .addColumn('received_at', 'bigint', (column) => column.notNull())
      .execute();
  },
};
