import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { firstIssue, quarantine, quarantineKey } from './quarantine';
import { serialWritesFor } from './serial-writes';

/** A single-key entry of `stored` (lib/schemas/stored.ts). */
export interface StoredEntry<T> {
  area: 'local' | 'session';
  key: string;
  schema: z.ZodMiniType<T>;
}

/**
 * The stored value, or undefined when it is missing or no longer parses (callers fall back to their default). One that
 * no longer parses is set aside first, so neither the default nor a later write costs it.
 */
export async function readStored<T>(entry: StoredEntry<T>): Promise<T | undefined> {
  const value: unknown = (await browser.storage[entry.area].get(entry.key))[entry.key];
  if (value === undefined) return undefined;
  const parsed = entry.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  await changeStored(entry, {});
  return undefined;
}

export function writeStored<T>(entry: StoredEntry<T>, value: T): Promise<void> {
  return changeStored(entry, { value });
}

export function removeStored<T>(entry: StoredEntry<T>): Promise<void> {
  return changeStored(entry, { remove: true });
}

/**
 * Reads and writes the value in one serial write, so two changes made at once both count: `next` gets the current
 * value (undefined when missing or unreadable, which is set aside) and returns the value to store, or undefined to
 * leave it.
 */
export function updateStored<T>(entry: StoredEntry<T>, next: (current: T | undefined) => T | undefined): Promise<void> {
  return changeStored(entry, { next });
}

/**
 * One serial write to the entry's key: a value there that no longer parses is set aside under `quarantine:` and leaves
 * the key; then `value` is stored, or the key removed. With neither, a valid value is left as it is.
 */
function changeStored<T>(entry: StoredEntry<T>, change: { value?: T; remove?: true; next?: (current: T | undefined) => T | undefined }): Promise<void> {
  const { key, schema } = entry;
  return serialWritesFor(browser.storage[entry.area]).run({
    keys: [key, quarantineKey(key)],
    apply(current) {
      const parsed = key in current ? schema.safeParse(current[key]) : undefined;
      const bad = parsed?.success === false;
      const set: Record<string, unknown> = bad ? quarantine(key, current[key], `Not a valid stored value (${firstIssue(parsed.error)})`, Date.now(), current) : {};
      const value = change.next ? change.next(parsed?.success ? parsed.data : undefined) : change.value;
      if (value !== undefined) set[key] = value;
      const remove = change.remove || (bad && value === undefined) ? [key] : [];
      return { set, remove, result: undefined };
    },
  });
}
