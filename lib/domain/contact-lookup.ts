import type { Contact, MessageResponse, TrackerEvent } from '../schemas';

/** What the platform said of the open contact. */
export type LookupState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'found'; contact: Contact; events: TrackerEvent[] }
  | { status: 'unknown' }
  | { status: 'signedOut' }
  | { status: 'error'; message: string };

/** The background's answer to a contact lookup, as the panel holds it. */
export function lookupStateOf(result: MessageResponse<'contact.lookup'>): LookupState {
  if (result.status === 'found') return { status: 'found', contact: result.contact, events: result.events };
  if (result.status === 'error') return { status: 'error', message: result.error.message };
  return { status: result.status };
}
