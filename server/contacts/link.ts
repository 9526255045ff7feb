import type { TrackerDataUpdate } from '../../lib/schemas/admin-deliveries';
import type { Contact, ContactKey } from '../../lib/schemas/api';
import type { ServerContext } from '../context';
import { setTrackerData } from './tracker-data';

/**
 * Links a contact to its click (the manager's tracker-data PUT and the links intake alike) and wakes the delivery
 * worker, so the held deliveries of its events go at once.
 */
export async function linkContact(
  context: ServerContext,
  key: ContactKey,
  update: TrackerDataUpdate,
  profile: { username?: string } = {},
): Promise<Contact> {
  const contact = await setTrackerData(context.db, key, update, profile);
  context.wakeDeliveries();
  return contact;
}
