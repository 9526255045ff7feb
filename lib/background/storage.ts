import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { z } from 'zod/mini';
import { stored } from '../schemas';
import { firstIssue, quarantine, quarantineKey } from './quarantine';

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

/**
 * Single-key values as last read or written here, by `area:key`. A Save read the session, the access token and the
 * settings five times between its message and its POST, each a round trip to the browser process, and that was most
 * of what Save cost beyond the baseline extension (docs/performance.md, "Save against a baseline extension"). The one
 * storage listener (`heard`) drops a key's value whenever anything changes it, so a read never returns what storage no
 * longer holds; a read that was under way while its key changed is not kept.
 */
const known = new Map<string, { value: unknown }>();
/** Bumped for a key on each change: a read started before it must not keep its older value. */
const changes = new Map<string, number>();

const idOf = (entry: { area: Area; key: string }) => `${entry.area}:${entry.key}`;

function forget(id: string): void {
  known.delete(id);
  changes.set(id, (changes.get(id) ?? 0) + 1);
}

interface Watcher {
  area: Area;
  callback: (keys: string[]) => void;
}
const watchers = new Set<Watcher>();

function heard(changed: Record<string, unknown>, area: string): void {
  const keys = Object.keys(changed);
  for (const key of keys) forget(`${area}:${key}`);
  for (const watcher of watchers) if (watcher.area === area) watcher.callback(keys);
}

/**
 * The background's one storage listener, for the cache and for `watchKeys`, whoever changed the keys. It is added
 * with the first read or watch, and added again, the cache emptied and the watchers of before dropped, if something
 * removed it, as a test's fresh fake browser does.
 */
function listening(): void {
  if (browser.storage.onChanged.hasListener(heard)) return;
  known.clear();
  watchers.clear();
  browser.storage.onChanged.addListener(heard);
}

/** Reads that need no lock: a value that parses is returned as read; only setting one aside takes the lock. */
export async function readStored<T>(entry: StoredEntry<T>): Promise<T | undefined> {
  listening();
  const id = idOf(entry);
  const cached = known.get(id);
  if (cached) return cached.value as T | undefined;
  const changedBefore = changes.get(id);
  const value = await slotOf(entry).get();
  const parsed = value === null ? undefined : entry.schema.safeParse(value);
  if (parsed && !parsed.success) return exclusively((lock) => lock.read(entry));
  if (changes.get(id) === changedBefore) known.set(id, { value: parsed?.data });
  return parsed?.data;
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

/**
 * Every write and removal goes through here. The cached value is dropped before and again after, so nothing read
 * while the write was under way outlives it, whenever the browser tells the listener.
 */
async function change(entry: StoredEntry<unknown>, write: (slot: Slot) => Promise<void>): Promise<void> {
  const id = idOf(entry);
  forget(id);
  try {
    await write(slotOf(entry));
  } finally {
    forget(id);
  }
}

const held: Held = {
  read,
  async write(entry, value) {
    await read(entry);
    await change(entry, (slot) => slot.set(value));
  },
  async remove(entry) {
    await read(entry);
    await change(entry, (slot) => slot.clear());
  },
  async update(entry, next) {
    const value = next(await read(entry));
    if (value !== undefined) await change(entry, (slot) => slot.set(value));
  },
};

/**
 * Calls back with the keys of an area that changed, whoever changed them. WXT's `watch` follows one key; the outbox
 * keeps a key per event, so its readers watch the area here.
 */
export function watchKeys(area: Area, callback: (keys: string[]) => void): () => void {
  listening();
  const watcher = { area, callback };
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}
