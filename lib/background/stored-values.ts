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
 * One serial write to the entry's key: a value there that no longer parses is set aside under `quarantine:` and leaves
 * the key; then `value` is stored, or the key removed. With neither, a valid value is left as it is.
 */
function changeStored<T>(entry: StoredEntry<T>, change: { value?: T; remove?: true }): Promise<void> {
  const { key, schema } = entry;
  return serialWritesFor(browser.storage[entry.area]).run({
    keys: [key, quarantineKey(key)],
    apply(current) {
      const parsed = key in current ? schema.safeParse(current[key]) : undefined;
      const bad = parsed?.success === false;
      const set: Record<string, unknown> = bad ? quarantine(key, current[key], `Not a valid stored value (${firstIssue(parsed.error)})`, Date.now(), current) : {};
      if (change.value !== undefined) set[key] = change.value;
      const remove = change.remove || (bad && change.value === undefined) ? [key] : [];
      return { set, remove, result: undefined };
    },
  });
}
