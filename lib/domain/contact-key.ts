import type { ContactKey } from '../schemas';

/** `channel:externalId` — one contact, whatever name the chat app shows for it. */
export function contactKeyOf(contact: ContactKey): string {
  return `${contact.channel}:${contact.externalId}`;
}

export function sameContact(a: ContactKey | undefined, b: ContactKey | undefined): boolean {
  return a !== undefined && b !== undefined && contactKeyOf(a) === contactKeyOf(b);
}
