import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TrackerDataUpdate } from '../../lib/schemas/admin-deliveries';
import type { Contact, ContactKey } from '../../lib/schemas/api';
import type { Tables } from '../db/tables';
import { contactFromRow } from './rows';

/**
 * Gives a contact its tracker data (creating the contact when the platform has not seen it): the click id every
 * tracker keys a conversion on. Fields left out keep their stored value. The caller wakes the delivery worker after.
 */
export async function setTrackerData(
  db: Kysely<Tables>,
  key: ContactKey,
  update: TrackerDataUpdate,
  profile: { username?: string } = {},
): Promise<Contact> {
  const now = Date.now();
  const given = {
    ...(profile.username === undefined ? {} : { username: profile.username }),
    click_id: update.clickId,
    ...(update.subId === undefined ? {} : { sub_id: update.subId }),
    ...(update.source === undefined ? {} : { source: update.source }),
    ...(update.campaign === undefined ? {} : { campaign: update.campaign }),
  };
  const row = await db
    .insertInto('contacts')
    .values({
      id: randomUUID(),
      channel: key.channel,
      external_id: key.externalId,
      display_name: null,
      username: null,
      sub_id: null,
      source: null,
      campaign: null,
      extra_tracker_data: '{}',
      ...given,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['channel', 'external_id']).doUpdateSet({ ...given, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return contactFromRow(row);
}
