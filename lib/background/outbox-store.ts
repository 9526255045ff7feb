import { browser } from 'wxt/browser';
import {
  OUTBOX_RECORD_VERSION,
  quarantinedRecordSchema,
  storedOutboxRecordSchema,
  stored,
  upgradeOutboxRecord,
  DEFAULT_SETTINGS,
  type OutboxRecord,
  type QuarantinedRecord,
  type UpgradeContext,
} from '../schemas';
import { firstIssue, quarantine, quarantineKey } from './quarantine';
import { readStored, watchKeys } from './storage';
import { changeStored, type Write } from './storage-writes';

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
  update<T>(
    ids: string[],
    change: (current: Map<string, OutboxRecord | undefined>) => { put: OutboxRecord[]; result: T },
  ): Promise<T>;
  /** Every value set aside in storage.local (no secret rests there), oldest first: what the popup exports. */
  setAside(): Promise<QuarantinedRecord[]>;
  /**
   * Puts back each set-aside outbox record that reads now (a build that knows its version runs again, a repaired
   * value), unless its key holds a record again; the rest stays aside.
   */
  restore(): Promise<{ restored: number; left: number }>;
}

const outboxKey = (id: string) => stored.outboxRecord.prefix + id;

/** A record read from storage; `stale` when it was stored in an older version's shape and is to be written anew. */
type Checked = { ok: true; record: OutboxRecord; stale: boolean } | { ok: false; reason: string };

function check(key: string, value: unknown, context: UpgradeContext): Checked {
  const upgraded = upgradeOutboxRecord(value, context);
  if (!upgraded.ok) return upgraded;
  const parsed = storedOutboxRecordSchema.safeParse(upgraded.value);
  if (!parsed.success) return { ok: false, reason: `Not a valid outbox record (${firstIssue(parsed.error)})` };
  const { v: _version, ...record } = parsed.data;
  if (outboxKey(record.event.id) !== key)
    return { ok: false, reason: `Stored under ${key} but its event id is ${record.event.id}` };
  return { ok: true, record, stale: upgraded.from < OUTBOX_RECORD_VERSION };
}

/** A record as stored: with the version of its shape. One that would not read back (no platform) is never stored. */
function storable(record: OutboxRecord) {
  if (!record.apiUrl) throw new Error(`Outbox record ${record.event.id} has no platform, so it is not stored`);
  return { ...record, v: OUTBOX_RECORD_VERSION };
}

function isExpired(record: OutboxRecord, now: number): boolean {
  const settledAt = record.dismissedAt ?? (record.state === 'sent' ? record.updatedAt : undefined);
  return settledAt !== undefined && now - settledAt > KEEP_SETTLED_MS;
}

/** What the store knows of a key: an outbox record checked against its schema, or a value set aside. */
type Entry = Checked | 'quarantined';

const isOurs = (key: string) => key.startsWith(stored.outboxRecord.prefix) || key.startsWith(stored.quarantined.prefix);

function entryOf(key: string, value: unknown, context: UpgradeContext): Entry {
  return key.startsWith(stored.quarantined.prefix) ? 'quarantined' : check(key, value, context);
}

/**
 * The outbox as last read, checked: the storage layer's one cache (docs/performance.md, "The one cache"). The whole
 * area is read once per worker, then only the keys that changed since (by this store's own writes, or anyone's, as
 * storage reports them). Without it every scan re-reads and re-checks every record, and the badge and an open panel
 * scan after every write: a 1,000-event drain took 54 s against 12 s with it.
 */
function createMirror() {
  const area = browser.storage[stored.outboxRecord.area];
  const entries = new Map<string, Entry>();
  const changed = new Set<string>();
  /** Keys being read into `entries` right now: what the mirror holds for them may be older than storage. */
  const beingRead = new Set<string>();
  let loaded = false;
  let reading: Promise<void> = Promise.resolve();

  watchKeys(stored.outboxRecord.area, (keys) => {
    for (const key of keys) if (isOurs(key)) changed.add(key);
  });

  async function refresh(context: UpgradeContext): Promise<void> {
    if (!loaded) {
      changed.clear();
      const everything = await area.get(null);
      for (const [key, value] of Object.entries(everything))
        if (isOurs(key)) entries.set(key, entryOf(key, value, context));
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
        else entries.set(key, entryOf(key, values[key], context));
      }
    } finally {
      for (const key of keys) beingRead.delete(key);
    }
  }

  /**
   * The stored values of a write's keys, when the mirror is sure of them as the write runs (it holds the storage
   * lock, so no other write of ours is under way): read once, not changed or being read since, each absent or a valid
   * record. A Save's new record then costs one storage round trip, not two.
   */
  function known(keys: readonly string[]): Record<string, unknown> | undefined {
    if (!loaded) return undefined;
    const values: Record<string, unknown> = {};
    for (const key of keys) {
      if (changed.has(key) || beingRead.has(key)) return undefined;
      const entry = entries.get(key);
      if (entry === undefined) continue;
      if (entry === 'quarantined' || !entry.ok || entry.stale) return undefined;
      values[key] = storable(entry.record);
    }
    return values;
  }

  return {
    /** Every outbox and quarantine key with its entry, as storage holds them now. */
    async read(context: UpgradeContext): Promise<ReadonlyMap<string, Entry>> {
      const refreshed = () => refresh(context);
      reading = reading.then(refreshed, refreshed);
      await reading;
      return entries;
    },
    /**
     * Runs a write under the storage lock, without reading what the mirror is sure of. Every key it read or set is
     * read afresh next time; marked so before the lock passes on, so the next write cannot take its old entry for known.
     */
    writing<T>(write: Write<T>): Promise<T> {
      const touched = new Set(write.keys);
      return changeStored(stored.outboxRecord.area, {
        keys: write.keys,
        known: () => known(write.keys),
        apply(current) {
          const change = write.apply(current);
          for (const key of Object.keys(change.set ?? {})) touched.add(key);
          return change;
        },
        settled() {
          for (const key of touched) changed.add(key);
        },
      });
    },
  };
}

/** The outbox records in storage.local, one key per event; only the background writes them, under the storage lock. */
export interface OutboxStoreOptions {
  now?: () => number;
  /** The platform the extension is set to now: an older record without one is taken to be for it. */
  platform?: () => Promise<string>;
}

export function createOutboxStore(options: OutboxStoreOptions = {}): OutboxStore {
  const area = browser.storage[stored.outboxRecord.area];
  const now = options.now ?? Date.now;
  const platform = options.platform ?? (async () => ((await readStored(stored.settings)) ?? DEFAULT_SETTINGS).apiUrl);
  const contextNow = async (): Promise<UpgradeContext> => ({ apiUrl: await platform() });
  const mirror = createMirror();

  /**
   * Moves bad values aside, drops expired records and stores records of an older version in this one's shape, judging
   * each by what is stored by the time the write runs.
   */
  function tidy(keys: string[], context: UpgradeContext): Promise<number> {
    return mirror.writing({
      keys: [...keys, ...keys.map(quarantineKey)],
      apply(current) {
        const set: Record<string, unknown> = {};
        const remove: string[] = [];
        for (const key of keys) {
          if (!(key in current)) continue;
          const checked = check(key, current[key], context);
          if (!checked.ok) Object.assign(set, quarantine(key, current[key], checked.reason, now(), current));
          if (!checked.ok || isExpired(checked.record, now())) remove.push(key);
          else if (checked.stale) set[key] = storable(checked.record);
        }
        return {
          set,
          remove,
          result: Object.keys(set).filter((key) => key.startsWith(stored.quarantined.prefix)).length,
        };
      },
    });
  }

  return {
    async scan() {
      const context = await contextNow();
      const entries = await mirror.read(context);
      const records: OutboxRecord[] = [];
      const untidy: string[] = [];
      let quarantined = 0;
      for (const [key, checked] of entries) {
        if (checked === 'quarantined') quarantined += 1;
        else if (!checked.ok || isExpired(checked.record, now())) untidy.push(key);
        else {
          records.push(checked.record);
          if (checked.stale) untidy.push(key);
        }
      }
      if (untidy.length) quarantined += await tidy(untidy, context);
      return { records, quarantined };
    },

    async setAside() {
      const everything = await area.get(null);
      return Object.entries(everything)
        .filter(([key]) => key.startsWith(stored.quarantined.prefix))
        .flatMap(([, value]) => {
          const parsed = quarantinedRecordSchema.safeParse(value);
          return parsed.success ? [parsed.data] : [];
        })
        .sort((a, b) => a.at - b.at);
    },

    async restore() {
      const asideKeys = Object.keys(await area.get(null)).filter((key) =>
        key.startsWith(quarantineKey(stored.outboxRecord.prefix)),
      );
      if (asideKeys.length === 0) return { restored: 0, left: 0 };
      // `quarantine:<key>`, or `quarantine:<key>@<time>` when the key went bad more than once.
      const originals = asideKeys.map((key) => key.slice(stored.quarantined.prefix.length).replace(/@\d+$/, ''));
      const context = await contextNow();
      return mirror.writing({
        keys: [...asideKeys, ...new Set(originals)],
        apply(current) {
          const set: Record<string, unknown> = {};
          const remove: string[] = [];
          for (const asideKey of asideKeys) {
            const aside = quarantinedRecordSchema.safeParse(current[asideKey]);
            if (
              !aside.success ||
              !originals.includes(aside.data.key) ||
              aside.data.key in current ||
              aside.data.key in set
            )
              continue;
            const checked = check(aside.data.key, aside.data.value, context);
            if (!checked.ok) continue;
            set[aside.data.key] = storable(checked.record);
            remove.push(asideKey);
          }
          return { set, remove, result: { restored: remove.length, left: asideKeys.length - remove.length } };
        },
      });
    },

    async update(ids, change) {
      const keys = ids.map(outboxKey);
      const context = await contextNow();
      return mirror.writing({
        keys: [...keys, ...keys.map(quarantineKey)],
        apply(current) {
          const set: Record<string, unknown> = {};
          const bad = new Set<string>();
          const records = new Map<string, OutboxRecord | undefined>();
          for (const id of ids) {
            const key = outboxKey(id);
            const checked = key in current ? check(key, current[key], context) : undefined;
            if (checked && !checked.ok) {
              Object.assign(set, quarantine(key, current[key], checked.reason, now(), current));
              bad.add(key);
            }
            records.set(id, checked?.ok ? checked.record : undefined);
          }
          const { put, result } = change(records);
          for (const record of put) {
            set[outboxKey(record.event.id)] = storable(record);
            bad.delete(outboxKey(record.event.id));
          }
          return { set, remove: [...bad], result };
        },
      });
    },
  };
}
