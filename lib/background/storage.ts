import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { z } from 'zod/mini';
import { stored } from '../schemas';
import { firstIssue, quarantine, quarantineKey } from './quarantine';
import { changeKept, readKept } from './storage-changes';

export { watchKeys } from './storage-changes';

/**
 * The background's one storage layer: every read-modify-write of `storage.local` and `storage.session`, and every
 * change that must not interleave with another (a sign-in and a sign-out, two quick "Add site" clicks), holds the one
 * lock below, so no two writers race on a key and nothing written is lost. Single-key values are WXT storage items,
 * versioned and migrated; a value that no longer parses is set aside, never written over.
 */

export type Area = 'local' | 'session';

/** A single-key entry of `stored` (lib/schemas/stored.ts); `version` and `migrations` when its shape has changed. */
export interface StoredEntry<T> {
  area: Area;
  key: string;
  schema: z.ZodMiniType<T>;
  version?: number;
  migrations?: Readonly<Record<number, (old: unknown) => unknown>>;
}

/** What work holding the lock does with storage. It never calls `exclusively` itself: the lock is not re-entrant. */
export interface Held {
  /** The stored value, or undefined when missing or no longer parsing (such a value is set aside first). */
  read<T>(entry: StoredEntry<T>): Promise<T | undefined>;
  write<T>(entry: StoredEntry<T>, value: T): Promise<void>;
  remove<T>(entry: StoredEntry<T>): Promise<void>;
  /** `next` gets the current value (undefined when missing or unreadable) and returns the one to store, or undefined to leave it. */
  update<T>(entry: StoredEntry<T>, next: (current: T | undefined) => T | undefined): Promise<void>;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The one lock: `work` runs when everything queued before it has finished, alone. A plain promise queue rather than
 * `navigator.locks`: MV3 service workers have it, but only this worker writes (no other context to exclude), and
 * Node 20, where the unit tests run, has none, so one implementation runs in the tests and in the browser alike.
 */
export function exclusively<T>(work: (held: Held) => Promise<T>): Promise<T> {
  const result = queue.then(
    () => work(held),
    () => work(held),
  );
  queue = result.catch(() => undefined);
  return result;
}

/** Reads that need no lock: a value that parses is returned as read; only setting one aside takes the lock. */
export function readStored<T>(entry: StoredEntry<T>): Promise<T | undefined> {
  return readKept(entry, async () => {
    const value = await slotOf(entry).get();
    if (value === null) return undefined;
    const parsed = entry.schema.safeParse(value);
    return parsed.success ? parsed.data : exclusively((lock) => lock.read(entry));
  });
}

export const writeStored = <T>(entry: StoredEntry<T>, value: T) => exclusively((lock) => lock.write(entry, value));
export const removeStored = <T>(entry: StoredEntry<T>) => exclusively((lock) => lock.remove(entry));
export const updateStored = <T>(entry: StoredEntry<T>, next: (current: T | undefined) => T | undefined) =>
  exclusively((lock) => lock.update(entry, next));

/**
 * Brings every versioned single-key value up to its entry's version. WXT starts this when an item is defined; a worker
 * also runs it at start, under the lock, so a value an update left behind is migrated before anything writes it. One
 * stored by a newer version (a downgrade) is left as it is, for its schema to judge when it is read.
 */
export function migrateStored(): Promise<void> {
  const versioned = Object.values(stored).filter(
    (entry): entry is typeof entry & StoredEntry<unknown> => 'version' in entry,
  );
  return exclusively(async () => {
    for (const entry of versioned)
      await slotOf(entry)
        .migrate()
        .catch(() => undefined);
  });
}

/** Where one single-key value rests: a versioned entry is a WXT item (its migration starts when it is defined), the rest plain keys. */
interface Slot {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
  clear(): Promise<void>;
  migrate(): Promise<void>;
}

const items = new Map<string, WxtStorageItem<unknown, Record<string, unknown>>>();

function slotOf(entry: StoredEntry<unknown>): Slot {
  const key = `${entry.area}:${entry.key}` as const;
  if (!entry.version) {
    return {
      get: () => storage.getItem(key),
      set: (value) => storage.setItem(key, value),
      clear: () => storage.removeItem(key),
      migrate: async () => undefined,
    };
  }
  let item = items.get(key);
  if (!item) {
    item = storage.defineItem<unknown>(key, { version: entry.version, migrations: entry.migrations ?? {} });
    items.set(key, item);
  }
  const defined = item;
  return {
    get: () => defined.getValue(),
    set: (value) => defined.setValue(value),
    clear: () => defined.removeValue(),
    migrate: () => defined.migrate(),
  };
}

/**
 * The entry's current value, read under the lock; one that no longer parses is set aside under `quarantine:<key>`
 * and leaves the key, so neither a fallback nor a later write costs it.
 */
async function read<T>(entry: StoredEntry<T>): Promise<T | undefined> {
  const slot = slotOf(entry);
  const value = await slot.get();
  if (value === null) return undefined;
  const parsed = entry.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = `Not a valid stored value (${firstIssue(parsed.error)})`;
  const asideKey = quarantineKey(entry.key);
  const aside = await browser.storage[entry.area].get(asideKey);
  await browser.storage[entry.area].set(
    quarantine(entry.key, value, reason, Date.now(), aside[asideKey] === undefined ? {} : aside),
  );
  await slot.clear();
  return undefined;
}

const held: Held = {
  read,
  async write(entry, value) {
    await read(entry);
    await changeKept(entry, () => slotOf(entry).set(value));
  },
  async remove(entry) {
    await read(entry);
    await changeKept(entry, () => slotOf(entry).clear());
  },
  async update(entry, next) {
    const value = next(await read(entry));
    if (value !== undefined) await changeKept(entry, () => slotOf(entry).set(value));
  },
};
