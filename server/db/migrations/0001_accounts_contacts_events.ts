import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** A CHECK that the column holds one of `values` (the literals are ours, never input). */
const sqlIn = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;

/**
 * The first schema: accounts, sessions, contacts, events and the audit log. Written with Kysely's schema builder only,
 * so the same migration runs on SQLite and PostgreSQL. Later migrations add deliveries, destinations and intakes.
 */
export const accountsContactsEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('operators')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull().check(sqlIn('role', ['admin', 'manager'])))
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    // A removed operator's address may be given to a new account; among live ones it is unique.
    await db.schema
      .createIndex('operators_live_email')
      .unique()
      .on('operators')
      .column('email')
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('operator_id', 'text', (column) => column.notNull().references('operators.id'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('revoked_reason', 'text')
      .execute();
    await db.schema.createIndex('sessions_by_operator').on('sessions').column('operator_id').execute();

    await db.schema
      .createTable('refresh_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('session_id', 'text', (column) => column.notNull().references('sessions.id'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('refresh_tokens_by_session').on('refresh_tokens').column('session_id').execute();

    await db.schema
      .createTable('access_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('session_id', 'text', (column) => column.notNull().references('sessions.id'))
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('access_tokens_by_session').on('access_tokens').column('session_id').execute();

    await db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('external_id', 'text', (column) => column.notNull())
      .addColumn('display_name', 'text')
      .addColumn('username', 'text')
      .addColumn('click_id', 'text')
      .addColumn('sub_id', 'text')
      .addColumn('source', 'text')
      .addColumn('campaign', 'text')
      .addColumn('extra_tracker_data', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('contacts_channel_external_id', ['channel', 'external_id'])
      .execute();
    // Intakes and postbacks find a contact by the tracker's click id.
    await db.schema.createIndex('contacts_by_click_id').on('contacts').column('click_id').execute();

    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('contact_id', 'text', (column) => column.notNull().references('contacts.id'))
      .addColumn('type', 'text', (column) =>
        column.notNull().check(sqlIn('type', ['registration', 'deposit', 'redeposit'])),
      )
      .addColumn('contact_display_name', 'text')
      .addColumn('contact_username', 'text')
      .addColumn('amount', 'text')
      .addColumn('currency', 'text')
      .addColumn('occurred_at', 'text', (column) => column.notNull())
      .addColumn('occurred_at_ms', 'bigint', (column) => column.notNull())
      .addColumn('received_at', 'text', (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('step_name', 'text')
      .addColumn('operator_id', 'text', (column) => column.references('operators.id'))
      .addColumn('canonical_body', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('events_by_contact').on('events').columns(['contact_id', 'occurred_at_ms']).execute();
    // One first deposit per contact, enforced by the database itself: two server processes on one PostgreSQL database
    // racing to store a first deposit for the same lead cannot both win.
    await db.schema
      .createIndex('events_one_deposit_per_contact')
      .unique()
      .on('events')
      .column('contact_id')
      .where(sql.ref('type'), '=', 'deposit')
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('operator_id', 'text')
      .addColumn('action', 'text', (column) => column.notNull())
      .addColumn('target', 'text')
      .addColumn('details', 'text')
      .addColumn('client_address', 'text')
      .execute();
    await db.schema.createIndex('audit_log_by_time').on('audit_log').columns(['at', 'id']).execute();
  },
};
