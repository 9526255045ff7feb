import { browser } from 'wxt/browser';
import type { Area } from './storage';

/**
 * Single-key values as last read or written here, by `area:key`. A Save read the session, the access token and the
 * settings five times between its message and its POST, each a round trip to the browser process, and that was most
 * of what Save cost beyond the baseline extension (docs/performance.md, "Save against a baseline extension"). The one
 * storage listener (`heard`) drops a key's value whenever anything changes it, so a read never returns what storage no
 * longer holds; a read that was under way while its key changed is not kept.
 */
const kept = new Map<string, { value: unknown }>();
/** Bumped for a key on each change: a read started before it must not keep its older value. */
const changes = new Map<string, number>();

const idOf = (entry: { area: Area; key: string }) => `${entry.area}:${entry.key}`;

function forget(id: string): void {
  kept.delete(id);
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
 * The background's one storage listener, for the kept values and for `watchKeys`, whoever changed the keys. It is
 * added with the first read or watch, and added again, the kept values emptied and the watchers of before dropped, if
 * something removed it, as a test's fresh fake browser does.
 */
function listening(): void {
  if (browser.storage.onChanged.hasListener(heard)) return;
  kept.clear();
  watchers.clear();
  browser.storage.onChanged.addListener(heard);
}

/** The entry's value as kept, or as `read` reads it from storage (then kept, unless the key changed meanwhile). */
export async function readKept<T>(
  entry: { area: Area; key: string },
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  listening();
  const id = idOf(entry);
  const known = kept.get(id);
  if (known) return known.value as T | undefined;
  const changedBefore = changes.get(id);
  const value = await read();
  if (changes.get(id) === changedBefore) kept.set(id, { value });
  return value;
}

/**
 * Every write and removal of a single-key value goes through here. Its kept value is dropped before and again after,
 * so nothing read while the write was under way outlives it, whenever the browser tells the listener.
 */
export async function changeKept(entry: { area: Area; key: string }, write: () => Promise<void>): Promise<void> {
  const id = idOf(entry);
  forget(id);
  try {
    await write();
  } finally {
    forget(id);
  }
}

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
