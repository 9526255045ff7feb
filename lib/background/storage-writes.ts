import { browser } from 'wxt/browser';
import { exclusively, type Area } from './storage';

/** What one read-modify-write of some keys does with their current values. */
export interface Change<T> {
  set?: Record<string, unknown>;
  remove?: string[];
  result: T;
}

export interface Write<T> {
  keys: string[];
  /**
   * Asked under the lock: the keys' values (absent keys left out) if the caller is sure storage holds exactly these,
   * so the write skips its read; undefined to read them.
   */
  known?(): Record<string, unknown> | undefined;
  apply(current: Record<string, unknown>): Change<T>;
  /** Called under the lock once the write is stored, or refused, before the next work holding the lock starts. */
  settled?(): void;
}

interface Pending {
  area: Area;
  write: Write<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

let pending: Pending[] = [];

/**
 * A read-modify-write of an area's keys under the storage lock. Writes that queue up while the lock is held are
 * applied in order over one read and stored with one `set`: a burst of deliveries costs a few storage round trips,
 * not one each, and wakes the outbox's readers (badge, open panel) a few times, not once per record. A write whose
 * `apply` throws changes nothing.
 */
export function changeStored<T>(area: Area, write: Write<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    pending.push({ area, write, resolve: resolve as (value: unknown) => void, reject });
    if (pending.length === 1) {
      void exclusively(async () => {
        const batch = pending;
        pending = [];
        await store(batch).catch((error: unknown) => batch.forEach((item) => item.reject(error)));
        for (const item of batch) item.write.settled?.();
      });
    }
  });
}

async function store(batch: Pending[]): Promise<void> {
  const outcomes: { ok: boolean; value?: unknown; error?: unknown }[] = [];
  for (const area of new Set(batch.map((item) => item.area))) {
    const writes = batch.filter((item) => item.area === area);
    const storageArea = browser.storage[area];
    const known = writes.map((item) => item.write.known?.());
    const keys = [...new Set(writes.flatMap((item, index) => (known[index] ? [] : item.write.keys)))];
    const read: Record<string, unknown> = keys.length ? await storageArea.get(keys) : {};
    // Absent keys read as undefined in some implementations and are left out in others: treat both as absent.
    const values = Object.fromEntries(
      Object.entries({ ...Object.assign({}, ...known), ...read }).filter(([, value]) => value !== undefined),
    );
    const toSet: Record<string, unknown> = {};
    const toRemove = new Set<string>();
    for (const item of writes) {
      try {
        const current = Object.fromEntries(
          item.write.keys.filter((key) => key in values).map((key) => [key, values[key]]),
        );
        const change = item.write.apply(current);
        for (const [key, value] of Object.entries(change.set ?? {})) {
          values[key] = value;
          toSet[key] = value;
          toRemove.delete(key);
        }
        for (const key of change.remove ?? []) {
          delete values[key];
          delete toSet[key];
          toRemove.add(key);
        }
        outcomes[batch.indexOf(item)] = { ok: true, value: change.result };
      } catch (error) {
        outcomes[batch.indexOf(item)] = { ok: false, error };
      }
    }
    if (Object.keys(toSet).length) await storageArea.set(toSet);
    if (toRemove.size) await storageArea.remove([...toRemove]);
  }
  batch.forEach((item, index) => {
    const outcome = outcomes[index];
    if (outcome?.ok) item.resolve(outcome.value);
    else item.reject(outcome?.error);
  });
}
