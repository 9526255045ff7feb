import { browser, type Browser } from 'wxt/browser';
import { outboxRecordSchema, stored, type OutboxRecord } from '../schemas';
import { firstIssue, quarantine, quarantineKey } from './quarantine';
import { serialWritesFor, type SerialWrites, type Write } from './serial-writes';

/** Sent records, and dismissed failures, are kept this long for the panel and the popup's log, then pruned. */
export const KEEP_SETTLED_MS = 7 * 24 * 60 * 60 * 1000;

export interface OutboxContents {
  records: OutboxRecord[];
  quarantined: number;
}

export interface OutboxStore {
  /** Every valid record; what does not parse is moved to quarantine on the way, what has expired is pruned. */
  scan(): Promise<OutboxContents>;
  /**
   * Changes the records with these ids in one serial write: `change` sees the current records (undefined when
   * absent; an unparsable value is quarantined and reads as absent) and returns the records to store.
   */
  update<T>(ids: string[], change: (current: Map<string, OutboxRecord | undefined>) => { put: OutboxRecord[]; result: T }): Promise<T>;
}

const outboxKey = (id: string) => stored.outboxRecord.prefix + id;

type Checked = { ok: true; record: OutboxRecord } | { ok: false; reason: string };

function check(key: string, value: unknown): Checked {
  const parsed = outboxRecordSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `Not a valid outbox record (${firstIssue(parsed.error)})` };
  if (outboxKey(parsed.data.event.id) !== key) return { ok: false, reason: `Stored under ${key} but its event id is ${parsed.data.event.id}` };
  return { ok: true, record: parsed.data };
}

function isExpired(record: OutboxRecord, now: number): boolean {
  const settledAt = record.dismissedAt ?? (record.state === 'sent' ? record.updatedAt : undefined);
  return settledAt !== undefined && now - settledAt > KEEP_SETTLED_MS;
}

/** What the store knows of a key: an outbox record checked against its schema, or a value set aside. */
type Entry = Checked | 'quarantined';

const isOurs = (key: string) => key.startsWith(stored.outboxRecord.prefix) || key.startsWith(stored.quarantined.prefix);

function entryOf(key: string, value: unknown): Entry {
  return key.startsWith(stored.quarantined.prefix) ? 'quarantined' : check(key, value);
}

/**
 * The outbox as last read, checked: the whole area is read once per worker, then only the keys that changed since
 * (by this store's own writes, or anyone's, as storage reports them). A bench profile of 1,000 events draining had
 * the worker re-reading and re-checking every record on each of hundreds of changes (the badge and the open panel
 * ask after every write), which took a minute; read this way it is proportional to what changed.
 */
function createMirror(area: Browser.storage.StorageArea, writes: SerialWrites) {
  const entries = new Map<string, Entry>();
  const changed = new Set<string>();
  /** Keys being read into `entries` right now: what the mirror holds for them may be older than storage. */
  const beingRead = new Set<string>();
  /** Writes queued or running, per key. */
  const writesOn = new Map<string, number>();
  let loaded = false;
  let reading: Promise<void> = Promise.resolve();

  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== stored.outboxRecord.area) return;
    for (const key of Object.keys(changes)) if (isOurs(key)) changed.add(key);
  });

  async function refresh(): Promise<void> {
    if (!loaded) {
      changed.clear();
      const everything = await area.get(null);
      for (const [key, value] of Object.entries(everything)) if (isOurs(key)) entries.set(key, entryOf(key, value));
      loaded = true;
      return;
    }
    if (changed.size === 0) return;
    const keys = [...changed];
    changed.clear();
    for (const key of keys) beingRead.add(key);
    try {
      const values = await area.get(keys).catch((error: unknown) => {
        for (const key of keys) changed.add(key);
        throw error;
      });
      for (const key of keys) {
        if (values[key] === undefined) entries.delete(key);
        else entries.set(key, entryOf(key, values[key]));
      }
    } finally {
      for (const key of keys) beingRead.delete(key);
    }
  }

  /**
   * The stored values of a write's keys, when the mirror is sure of them as the write runs: read once, not changed
   * or being read since, no other write on them queued, and each absent or a valid record.
   */
  function known(keys: readonly string[]): Record<string, unknown> | undefined {
    if (!loaded) return undefined;
    const values: Record<string, unknown> = {};
    for (const key of keys) {
      if (changed.has(key) || beingRead.has(key) || (writesOn.get(key) ?? 0) > 1) return undefined;
      const entry = entries.get(key);
      if (entry === undefined) continue;
      if (entry === 'quarantined' || !entry.ok) return undefined;
      values[key] = entry.record;
    }
    return values;
  }

  const countWrites = (keys: readonly string[], by: 1 | -1) => {
    for (const key of keys) {
      const count = (writesOn.get(key) ?? 0) + by;
      if (count > 0) writesOn.set(key, count);
      else writesOn.delete(key);
    }
  };

  return {
    /** Every outbox and quarantine key with its entry, as storage holds them now. */
    async read(): Promise<ReadonlyMap<string, Entry>> {
      reading = reading.then(refresh, refresh);
      await reading;
      return entries;
    },
    /** Runs a serial write, without reading what the mirror is sure of; every key it read or set is read afresh next time. */
    async writing<T>(write: Write<T>): Promise<T> {
      const touched = new Set(write.keys);
      countWrites(write.keys, 1);
      try {
        return await writes.run({
          keys: write.keys,
          known: () => known(write.keys),
          apply(current) {
            const change = write.apply(current);
            for (const key of Object.keys(change.set ?? {})) touched.add(key);
            return change;
          },
        });
      } finally {
        for (const key of touched) changed.add(key);
        countWrites(write.keys, -1);
      }
    },
  };
}

/** The outbox records in storage.local, one key per event; only the background writes them, through one queue. */
export function createOutboxStore(options: { now?: () => number; writes?: SerialWrites } = {}): OutboxStore {
  const area = browser.storage[stored.outboxRecord.area];
  const now = options.now ?? Date.now;
  const writes = options.writes ?? serialWritesFor(area);
  const mirror = createMirror(area, writes);

  /** Moves bad values aside and drops expired records, judging each by what is stored by the time the write runs. */
  function tidy(keys: string[]): Promise<number> {
    return mirror.writing({
      keys: [...keys, ...keys.map(quarantineKey)],
      apply(current) {
        const set: Record<string, unknown> = {};
        const remove: string[] = [];
        for (const key of keys) {
          if (!(key in current)) continue;
          const checked = check(key, current[key]);
          if (!checked.ok) Object.assign(set, quarantine(key, current[key], checked.reason, now(), current));
          if (!checked.ok || isExpired(checked.record, now())) remove.push(key);
        }
        return { set, remove, result: Object.keys(set).length };
      },
    });
  }

  return {
    async scan() {
      const entries = await mirror.read();
      const records: OutboxRecord[] = [];
      const untidy: string[] = [];
      let quarantined = 0;
      for (const [key, checked] of entries) {
        if (checked === 'quarantined') quarantined += 1;
        else if (!checked.ok || isExpired(checked.record, now())) untidy.push(key);
        else records.push(checked.record);
      }
      if (untidy.length) quarantined += await tidy(untidy);
      return { records, quarantined };
    },

    update(ids, change) {
      const keys = ids.map(outboxKey);
      return mirror.writing({
        keys: [...keys, ...keys.map(quarantineKey)],
        apply(current) {
          const set: Record<string, unknown> = {};
          const bad = new Set<string>();
          const records = new Map<string, OutboxRecord | undefined>();
          for (const id of ids) {
            const key = outboxKey(id);
            const checked = key in current ? check(key, current[key]) : undefined;
            if (checked && !checked.ok) {
              Object.assign(set, quarantine(key, current[key], checked.reason, now(), current));
              bad.add(key);
            }
            records.set(id, checked?.ok ? checked.record : undefined);
          }
          const { put, result } = change(records);
          for (const record of put) {
            set[outboxKey(record.event.id)] = record;
            bad.delete(outboxKey(record.event.id));
          }
          return { set, remove: [...bad], result };
        },
      });
    },
  };
}
