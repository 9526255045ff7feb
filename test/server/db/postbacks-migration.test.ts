import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { accountsContactsEvents } from '../../../server/db/migrations/0001_accounts_contacts_events';
import { destinationsDeliveries } from '../../../server/db/migrations/0002_destinations_deliveries';
import { intakesSettings } from '../../../server/db/migrations/0003_intakes_settings';
import type { Tables } from '../../../server/db/tables';
import { ENGINES, MANAGER, freshStorage, postEvent, signIn, startTestServer } from '../api/support';
import type { Engine } from '../api/support';
import { eventsOf } from '../deliveries/support';

const LEAD = { channel: 'telegram', externalId: '999001', displayName: 'Vera' } as const;

/** A database as the server left it before migration 0004: a partner's postback stored as the lead's first deposit. */
async function storedBeforePostbackRule(engine: Engine) {
  const storage = await freshStorage(engine);
  const db = new Kysely<Tables>({
    dialect: storage.databaseUrl
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: storage.databaseUrl, max: 1 }) })
      : new SqliteDialect({ database: new SqliteDatabase(storage.databaseFile ?? ':memory:') }),
  });
  const migrations = {
    '0001_accounts_contacts_events': accountsContactsEvents,
    '0002_destinations_deliveries': destinationsDeliveries,
    '0003_intakes_settings': intakesSettings,
  };
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  expect(error).toBeUndefined();
  const now = Date.now();
  await db
    .insertInto('contacts')
    .values({
      id: 'contact-vera',
      channel: LEAD.channel,
      external_id: LEAD.externalId,
      display_name: LEAD.displayName,
      username: null,
      click_id: 'kt_vera01',
      sub_id: null,
      source: null,
      campaign: null,
      extra_tracker_data: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const occurredAt = new Date(now - 60_000).toISOString();
  await db
    .insertInto('events')
    .values({
      id: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
      contact_id: 'contact-vera',
      type: 'deposit',
      contact_display_name: null,
      contact_username: null,
      amount: '90',
      currency: 'USD',
      occurred_at: occurredAt,
      occurred_at_ms: now - 60_000,
      received_at: occurredAt,
      note: null,
      status: 'accepted',
      source: 'postback',
      step_name: null,
      operator_id: null,
      canonical_body: '{}',
    })
    .execute();
  await db.destroy();
  return storage;
}

describe.each(ENGINES)('migration 0004 on %s', (engine) => {
  it("keeps a stored partner postback and lets the manager log the lead's first deposit beside it", async () => {
    const storage = await storedBeforePostbackRule(engine);
    const server = await startTestServer(engine, storage);
    const manager = await signIn(server, MANAGER);
    const byHand = {
      id: crypto.randomUUID(),
      type: 'deposit',
      contact: LEAD,
      amount: '90',
      currency: 'USD',
      occurredAt: new Date().toISOString(),
    } as const;
    const answer = await postEvent(server, manager.accessToken, byHand);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const deposits = (await eventsOf(server, manager.accessToken, LEAD)).filter((each) => each.type === 'deposit');
    expect(deposits.map((each) => [each.source, each.amount]).sort()).toEqual([
      ['manual', '90'],
      ['postback', '90'],
    ]);
    // The team's own first deposit is still one per lead.
    const second = await postEvent(server, manager.accessToken, { ...byHand, id: crypto.randomUUID(), amount: '10' });
    expect(second.status).toBe(409);
  });
});
