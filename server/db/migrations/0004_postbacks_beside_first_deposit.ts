import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One first deposit per contact counts the team's own deposits only (manual and flow). A partner's postback reports a
 * payment the team may have logged already: it is stored on the contact beside that deposit, so the panel can say "may
 * be the same deposit", instead of being refused by the index and kept apart as unmatched. The index only loosens, so
 * every stored row satisfies the new one and existing data needs no change.
 */
export const postbacksBesideFirstDeposit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('events_one_deposit_per_contact').execute();
    await db.schema
      .createIndex('events_one_deposit_per_contact')
      .unique()
      .on('events')
      .column('contact_id')
      .where(sql.ref('type'), '=', 'deposit')
      .where(sql.ref('source'), '<>', 'postback')
      .execute();
  },
};
