import type { Browser } from 'wxt/browser';

/** What one write does with the current values of its keys. */
export interface Change<T> {
  set?: Record<string, unknown>;
  remove?: string[];
  result: T;
}

export interface Write<T> {
  keys: string[];
  /**
   * Asked when the write's turn comes: the keys' values (absent keys left out) if the caller is sure storage holds
   * exactly these, so the write skips its read; undefined to read them.
   */
  known?(): Record<string, unknown> | undefined;
  apply(current: Record<string, unknown>): Change<T>;
}

export interface SerialWrites {
  run<T>(write: Write<T>): Promise<T>;
}

interface Pending {
  write: Write<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/**
 * Read-modify-write on a storage area, one write at a time, so no two writers race on a key. Writes that queue up
 * while one is being stored are applied in order over one read and stored with one `set`: a burst of deliveries costs
 * a few storage round trips, not one each. A write whose `apply` throws changes nothing. A write whose caller knows
 * the current values skips the read: a Save's new outbox record costs one storage round trip, not two.
 */
export function createSerialWrites(area: Browser.storage.StorageArea): SerialWrites {
  const pending: Pending[] = [];
  let flushing = false;

  async function flushBatch(batch: Pending[]): Promise<void> {
    const known = batch.map((item) => item.write.known?.());
    const keys = [...new Set(batch.flatMap((item, index) => (known[index] ? [] : item.write.keys)))];
    // Absent keys read as undefined in some implementations and are left out in others: treat both as absent.
    const read: Record<string, unknown> = keys.length ? await area.get(keys) : {};
    const values = Object.fromEntries(Object.entries({ ...Object.assign({}, ...known), ...read }).filter(([, value]) => value !== undefined));
    const toSet: Record<string, unknown> = {};
    const toRemove = new Set<string>();
    const outcomes = batch.map((item) => {
      try {
        const current = Object.fromEntries(item.write.keys.filter((key) => key in values).map((key) => [key, values[key]]));
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
        return { ok: true as const, value: change.result };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    if (Object.keys(toSet).length) await area.set(toSet);
    if (toRemove.size) await area.remove([...toRemove]);
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }

  async function flush(): Promise<void> {
    flushing = true;
    while (pending.length) {
      const batch = pending.splice(0);
      await flushBatch(batch).catch((error: unknown) => batch.forEach((item) => item.reject(error)));
    }
    flushing = false;
  }

  return {
    run<T>(write: Write<T>) {
      return new Promise<T>((resolve, reject) => {
        pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!flushing) void flush();
      });
    },
  };
}

const shared = new WeakMap<Browser.storage.StorageArea, SerialWrites>();

/** The one queue of writes to a storage area that every writer in the background shares. */
export function serialWritesFor(area: Browser.storage.StorageArea): SerialWrites {
  let writes = shared.get(area);
  if (!writes) {
    writes = createSerialWrites(area);
    shared.set(area, writes);
  }
  return writes;
}
