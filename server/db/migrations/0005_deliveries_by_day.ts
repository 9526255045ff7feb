import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The console's Destinations page counts each destination's deliveries of today: read by creation time, not scanned. */
export const deliveriesByDay: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('deliveries_by_created_at').on('deliveries').column('created_at').execute();
  },
};
