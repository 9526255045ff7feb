import { Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { accountsContactsEvents } from './migrations/0001_accounts_contacts_events';
import { destinationsDeliveries } from './migrations/0002_destinations_deliveries';
import { intakesSettings } from './migrations/0003_intakes_settings';
import { postbacksBesideFirstDeposit } from './migrations/0004_postbacks_beside_first_deposit';
import { deliveriesByDay } from './migrations/0005_deliveries_by_day';

/**
 * Every migration, in order, compiled into the server (no folder scanned at run time, so a bundled or relocated server
 * migrates the same). Names sort in the order they apply; never rename or edit one that has shipped: add the next.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_accounts_contacts_events': accountsContactsEvents,
  '0002_destinations_deliveries': destinationsDeliveries,
  '0003_intakes_settings': intakesSettings,
  '0004_postbacks_beside_first_deposit': postbacksBesideFirstDeposit,
  '0005_deliveries_by_day': deliveriesByDay,
};

/** Brings the schema up to date; on PostgreSQL Kysely holds an advisory lock, so two processes starting at once agree. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`The database migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
