import { browser } from 'wxt/browser';
import { outboxRecordSchema, stored, type OutboxRecord } from '../schemas';
import { firstIssue, quarantine, quarantineKey } from './quarantine';
import { serialWritesFor, type SerialWrites } from './serial-writes';

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

/** The outbox records in storage.local, one key per event; only the background writes them, through one queue. */
export function createOutboxStore(options: { now?: () => number; writes?: SerialWrites } = {}): OutboxStore {
  const area = browser.storage[stored.outboxRecord.area];
  const now = options.now ?? Date.now;
  const writes = options.writes ?? serialWritesFor(area);

  /** Moves bad values aside and drops expired records, judging each by what is stored by the time the write runs. */
  function tidy(keys: string[]): Promise<number> {
    return writes.run({
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
      const everything = await area.get(null);
      const records: OutboxRecord[] = [];
      const untidy: string[] = [];
      let quarantined = 0;
      for (const [key, value] of Object.entries(everything)) {
        if (key.startsWith(stored.quarantined.prefix)) quarantined += 1;
        if (!key.startsWith(stored.outboxRecord.prefix)) continue;
        const checked = check(key, value);
        if (!checked.ok || isExpired(checked.record, now())) untidy.push(key);
        else records.push(checked.record);
      }
      if (untidy.length) quarantined += await tidy(untidy);
      return { records, quarantined };
    },

    update(ids, change) {
      const keys = ids.map(outboxKey);
      return writes.run({
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
