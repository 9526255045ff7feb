import type { ContactRef } from '../../schemas';

/** Equal by value, names included, so a contact renamed in place still counts as a change the panel must show. */
export function sameContact(a: ContactRef | undefined, b: ContactRef | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.channel === b.channel &&
    a.externalId === b.externalId &&
    a.displayName === b.displayName &&
    a.username === b.username
  );
}
