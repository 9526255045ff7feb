import { browser } from 'wxt/browser';
import { stored, type QuarantinedRecord } from '../schemas';

export const quarantineKey = (key: string) => stored.quarantined.prefix + key;

/** A schema's verdict on a value that did not parse, in either zod dialect. */
interface ParseError {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** The first problem of a value that did not parse: the field at fault and what is wrong with it. */
export function firstIssue(error: ParseError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'record'}: ${issue.message}` : 'unreadable';
}

/**
 * Sets a bad value aside under `quarantine:<its key>`, in the area it was read from; when that already holds an earlier
 * bad value for the same key, under a name with the time appended, so one never overwrites the other. `current` holds
 * at least the key's `quarantine:` name as the write read it.
 */
export function quarantine(
  key: string,
  value: unknown,
  reason: string,
  at: number,
  current: Record<string, unknown>,
): Record<string, QuarantinedRecord> {
  const taken = quarantineKey(key) in current;
  return { [taken ? `${quarantineKey(key)}@${at}` : quarantineKey(key)]: { key, value, reason, at } };
}

/** How many values are set aside in an area. */
export async function quarantinedIn(area: (typeof stored.quarantined.areas)[number]): Promise<number> {
  return Object.keys(await browser.storage[area].get(null)).filter((key) => key.startsWith(stored.quarantined.prefix))
    .length;
}
