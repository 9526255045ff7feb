import {
  trackerEventInputSchema,
  type ContactKey,
  type OutboxRecord,
  type OutboxSummary,
  type QuarantinedRecord,
  type TrackerEventInput,
} from '../schemas';
import type { ApiClient } from './api-client';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { createDelivery } from './delivery';
import { recordAfter, type MachinePolicy, type RecordEvent } from './outbox-machine';
import { createOutboxStore } from './outbox-store';
import { quarantinedIn } from './quarantine';
import type { AuthSession } from './session';
import { createWakeUp } from './wake-up';

export interface Outbox {
  /** Stores the event (once per id) and resolves: that is the Save the manager sees. Delivery starts right after. */
  enqueue(event: TrackerEventInput): Promise<OutboxRecord>;
  /** Posts what is overdue: on every worker start, on the alarm, after sign-in. */
  deliverDue(): Promise<void>;
  /** Signed in, or the network is back: deliver what waits without sitting out the backoff. */
  resume(): Promise<void>;
  /** Another call just got an answer from the platform: if delivery is waiting out a backoff, it resumes. */
  noteReachable(): void;
  /** Tries a queued or failed event again now, with the same id. */
  retry(id: string): Promise<boolean>;
  /** Hides a failed event the manager has seen; it is kept a week for the popup's log. */
  dismiss(id: string): Promise<boolean>;
  /** For a deposit refused as `deposit_exists`: stores the same deposit as a redeposit and dismisses the original. */
  resendAsRedeposit(id: string, newId: string): Promise<OutboxRecord>;
  /**
   * Queued events for this platform that the signed-in operator may not send unasked, counted by who saved them:
   * another operator, or nobody (`null`: saved while signed out). None while signed out.
   */
  heldForOthers(): Promise<{ operatorId: string | null; count: number }[]>;
  /** The signed-in operator takes over what another operator, or nobody (`null`), left queued: stamped as theirs and sent. */
  adopt(operatorId: string | null): Promise<number>;
  /** Queued events saved for another platform than the one set now, counted by platform: they wait for it. */
  forOtherPlatforms(): Promise<{ apiUrl: string; count: number }[]>;
  /** The manager gives up on the events queued for another platform: dismissed, kept a week in the popup's log. */
  dismissForPlatform(apiUrl: string): Promise<number>;
  /** Records not dismissed, newest first; only this contact's when given. */
  list(contact?: ContactKey): Promise<OutboxRecord[]>;
  summary(): Promise<OutboxSummary>;
  /** Failed events the manager dismissed, still kept, most recently dismissed first: the popup's log. */
  log(): Promise<OutboxRecord[]>;
  /** Every value set aside in storage.local, for the popup's export. */
  setAside(): Promise<QuarantinedRecord[]>;
  /** Puts back the set-aside outbox records that read now, and delivers what is due of them. */
  restoreSetAside(): Promise<{ restored: number; left: number }>;
  /** Drops in-memory timers and pending work, as a stopped worker loses them; resolves when posts in flight end. */
  stop(): Promise<void>;
}

export interface OutboxOptions {
  session: AuthSession;
  api: ApiClient;
  /** The platform the extension is set to now (settings.apiUrl): new events are for it, and only its events go. */
  platform: () => Promise<string>;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  concurrency?: number;
}

export const DEFAULT_CONCURRENCY = 6;

export class NotResendableError extends Error {
  constructor(id: string) {
    super(`Event ${id} is not a deposit the platform refused as deposit_exists, so it can't be resent as a redeposit`);
    this.name = 'NotResendableError';
  }
}

/**
 * Storage refused to keep a new event (a full disk; without `unlimitedStorage`, storage.local's 10 MB): the Save did
 * not happen, so the manager must see it at once, with the draft kept to save again.
 */
export class EventNotStoredError extends Error {
  readonly code = 'storage_failed';
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `The event was not saved: the browser refused to store it (${why}). Your entry is kept: free some disk space and press Save again.`,
      { cause },
    );
    this.name = 'EventNotStoredError';
  }
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { session } = options;
  const now = options.now ?? Date.now;
  const { platform } = options;
  const store = createOutboxStore({ now, platform });
  const wakeUp = createWakeUp(() => void delivery.deliverDue(), now);
  const policy: MachinePolicy = { backoff: options.backoff ?? DEFAULT_BACKOFF };
  const delivery = createDelivery({
    store,
    session,
    api: options.api,
    platform,
    wakeUp,
    now,
    random: options.random ?? Math.random,
    backoff: policy.backoff,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  });
  /** The record after the manager's act, or undefined when the act does not apply to it as it is now. */
  const after = (record: OutboxRecord | undefined, event: RecordEvent) =>
    record && recordAfter(record, event, now(), policy);

  async function signedInOperator(): Promise<{ operatorId?: string }> {
    const summary = await session.summary();
    return summary.signedIn ? { operatorId: summary.operator.id } : {};
  }

  function fresh(event: TrackerEventInput, operator: { operatorId?: string }, apiUrl: string): OutboxRecord {
    const time = now();
    return {
      event,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: time,
      createdAt: time,
      updatedAt: time,
      ...operator,
      apiUrl,
    };
  }

  const visible = (record: OutboxRecord) => record.dismissedAt === undefined;
  const waiting = (record: OutboxRecord | undefined): record is OutboxRecord =>
    record?.state === 'queued' && visible(record);
  /** Queued for `apiUrl` and saved by `operatorId` (null: while signed out). */
  const heldFor =
    (operatorId: string | null, apiUrl: string) =>
    (record: OutboxRecord | undefined): record is OutboxRecord =>
      waiting(record) && record.apiUrl === apiUrl && (record.operatorId ?? null) === operatorId;

  return {
    async enqueue(input) {
      // The router has checked it already; a record that would not parse back must never be stored.
      const event = trackerEventInputSchema.parse(input);
      const [operator, apiUrl] = await Promise.all([signedInOperator(), platform()]);
      const record = await store
        .update([event.id], (current) => {
          const existing = current.get(event.id);
          if (existing) return { put: [], result: existing };
          const created = fresh(event, operator, apiUrl);
          return { put: [created], result: created };
        })
        .catch((error: unknown) => {
          throw new EventNotStoredError(error);
        });
      if (record.state === 'queued') delivery.deliverNow(record);
      return record;
    },

    deliverDue: () => delivery.deliverDue(),
    resume: () => delivery.resume(),
    noteReachable: () => delivery.noteReachable(),

    async retry(id) {
      const operator = await signedInOperator();
      const record = await store.update([id], (current) => {
        const again = after(current.get(id), { kind: 'retried', operatorId: operator.operatorId });
        return { put: again ? [again] : [], result: again };
      });
      if (!record) return false;
      delivery.reopen(id);
      delivery.deliverNow(record);
      return true;
    },

    async dismiss(id) {
      return store.update([id], (current) => {
        const dismissed = after(current.get(id), { kind: 'dismissed' });
        return dismissed ? { put: [dismissed], result: true } : { put: [], result: false };
      });
    },

    async resendAsRedeposit(id, newId) {
      const [operator, apiUrl] = await Promise.all([signedInOperator(), platform()]);
      const record = await store.update([id, newId], (current) => {
        const already = current.get(newId);
        if (already) return { put: [], result: already };
        const original = current.get(id);
        const resendable =
          original?.state === 'failed' &&
          visible(original) &&
          original.event.type === 'deposit' &&
          original.lastError?.code === 'deposit_exists';
        if (!resendable) throw new NotResendableError(id);
        const redeposit = fresh(
          { ...original.event, id: newId, type: 'redeposit' },
          { ...operatorOf(original), ...operator },
          original.apiUrl ?? apiUrl,
        );
        return { put: [redeposit, { ...original, dismissedAt: now(), updatedAt: now() }], result: redeposit };
      });
      if (record.state === 'queued') delivery.deliverNow(record);
      return record;
    },

    async heldForOthers() {
      const summary = await session.summary();
      if (!summary.signedIn) return [];
      const apiUrl = await platform();
      const counts = new Map<string | null, number>();
      for (const record of (await store.scan()).records) {
        const owner = record.operatorId ?? null;
        if (owner === summary.operator.id || !heldFor(owner, apiUrl)(record)) continue;
        counts.set(owner, (counts.get(owner) ?? 0) + 1);
      }
      return [...counts].map(([operatorId, count]) => ({ operatorId, count }));
    },

    async adopt(operatorId) {
      const summary = await session.summary();
      if (!summary.signedIn || summary.operator.id === operatorId) return 0;
      const held = heldFor(operatorId, await platform());
      const ids = (await store.scan()).records.filter(held).map((record) => record.event.id);
      if (ids.length === 0) return 0;
      const adopted = await store.update(ids, (current) => {
        const put = [...current.values()]
          .filter(held)
          .flatMap((record) => after(record, { kind: 'adopted', operatorId: summary.operator.id }) ?? []);
        return { put, result: put.length };
      });
      if (adopted > 0) void delivery.resume();
      return adopted;
    },

    async forOtherPlatforms() {
      const apiUrl = await platform();
      const counts = new Map<string, number>();
      for (const record of (await store.scan()).records) {
        if (!waiting(record) || record.apiUrl === undefined || record.apiUrl === apiUrl) continue;
        counts.set(record.apiUrl, (counts.get(record.apiUrl) ?? 0) + 1);
      }
      return [...counts].map(([other, count]) => ({ apiUrl: other, count }));
    },

    async dismissForPlatform(apiUrl) {
      if (apiUrl === (await platform())) return 0;
      const forIt = (record: OutboxRecord | undefined): record is OutboxRecord =>
        waiting(record) && record.apiUrl === apiUrl;
      const ids = (await store.scan()).records.filter(forIt).map((record) => record.event.id);
      if (ids.length === 0) return 0;
      return store.update(ids, (current) => {
        const put = [...current.values()].filter(forIt).flatMap((record) => after(record, { kind: 'abandoned' }) ?? []);
        return { put, result: put.length };
      });
    },

    async list(contact) {
      const { records } = await store.scan();
      return records
        .filter(visible)
        .filter(
          (record) =>
            !contact ||
            (record.event.contact.channel === contact.channel &&
              record.event.contact.externalId === contact.externalId),
        )
        .sort((a, b) => b.createdAt - a.createdAt || b.event.occurredAt.localeCompare(a.event.occurredAt));
    },

    async summary() {
      const { records, quarantined } = await store.scan();
      const shown = records.filter(visible);
      return {
        queued: shown.filter((record) => record.state === 'queued').length,
        failed: shown.filter((record) => record.state === 'failed').length,
        // The scan counted what is set aside in storage.local; storage.session's are counted here.
        quarantined: quarantined + (await quarantinedIn('session')),
      };
    },

    async log() {
      const { records } = await store.scan();
      return records.filter((record) => !visible(record)).sort((a, b) => (b.dismissedAt ?? 0) - (a.dismissedAt ?? 0));
    },

    setAside: () => store.setAside(),

    async restoreSetAside() {
      const result = await store.restore();
      if (result.restored > 0) void delivery.deliverDue();
      return result;
    },

    stop: () => delivery.stop(),
  };
}

function operatorOf(record: OutboxRecord): { operatorId?: string } {
  return record.operatorId === undefined ? {} : { operatorId: record.operatorId };
}
