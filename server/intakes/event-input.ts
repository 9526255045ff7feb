import { createHash, randomUUID } from 'node:crypto';
import { trackerEventInputSchema } from '../../lib/schemas/api';
import type { ContactKey, EventType, TrackerEventInput } from '../../lib/schemas/api';
import { invalid } from '../http/errors';

/**
 * A caller's own id for a call (a flow's `event_id`, a partner's `tid`) as the event's UUID v4, the same every time, so
 * a repeated call lands on the stored event. SHA-256 of the kind and the id, with the version and variant bits of a v4
 * set: the API contract takes only v4 ids, and these are as unguessable as random ones.
 */
export function eventIdFor(kind: 'flow' | 'postback', callerId: string | undefined): string {
  if (callerId === undefined) return randomUUID();
  const hex = createHash('sha256').update(`${kind}\n${callerId}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Bots and partners send "100.00" and "usd"; the contract's canonical form is "100" and "USD". Only the text changes
 * (trailing fraction zeros, letter case), never through a float.
 */
export function canonicalAmount(amount: string | undefined): string | undefined {
  if (amount === undefined || !/^\d+\.\d+$/.test(amount)) return amount;
  return amount.replace(/0+$/, '').replace(/\.$/, '');
}

const FIELD_NAMES: Record<string, string> = {
  type: 'event',
  'contact.channel': 'channel',
  'contact.externalId': 'contact_id',
  id: 'event_id',
};

/** The event an intake call stands for, checked by the same rules as a manager's, with errors named as the caller named them. */
export function intakeEventInput(
  id: string,
  type: EventType,
  contact: ContactKey,
  amount: string | undefined,
  currency: string | undefined,
): TrackerEventInput {
  const input = {
    id,
    type,
    contact,
    ...(amount === undefined ? {} : { amount: canonicalAmount(amount) }),
    ...(currency === undefined ? {} : { currency: currency.toUpperCase() }),
    occurredAt: new Date().toISOString(),
  };
  const result = trackerEventInputSchema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    fields[FIELD_NAMES[path] ?? path] ??= issue.message;
  }
  return invalid('The call breaks the intake contract', fields);
}
