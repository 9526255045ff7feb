import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  stored,
  type ApiError,
  type ContactKey,
  type OutboxRecord,
  type TrackerEventInput,
} from '../../../lib/schemas';
import { Refusal, type Handlers } from './fake-background';

/**
 * The background's outbox as the UI sees it: records by id, written to storage.local under their outbox key the way
 * the real background writes them, so the UI's storage listener hears every change. Like the real one it stores an
 * event sent twice under one id once; `submitted` keeps every event it was sent, so a test can tell.
 */
export function createFakeOutbox() {
  const records = new Map<string, OutboxRecord>();
  const submitted: TrackerEventInput[] = [];
  let clock = 1_000;

  async function put(record: OutboxRecord): Promise<OutboxRecord> {
    records.set(record.event.id, record);
    await fakeBrowser.storage.local.set({ [`${stored.outboxRecord.prefix}${record.event.id}`]: record });
    return record;
  }

  function get(id: string): OutboxRecord {
    const record = records.get(id);
    if (!record) throw new Error(`No outbox record ${id}`);
    return record;
  }

  const update = (id: string, change: Partial<OutboxRecord>) => put({ ...get(id), ...change, updatedAt: ++clock });

  const of = (contact: ContactKey | undefined) => (record: OutboxRecord) =>
    !contact ||
    (record.event.contact.channel === contact.channel && record.event.contact.externalId === contact.externalId);

  function add(
    event: TrackerEventInput,
    state: OutboxRecord['state'] = 'queued',
    lastError?: ApiError,
  ): Promise<OutboxRecord> {
    const time = ++clock;
    return put({
      event,
      state,
      attempts: 0,
      nextAttemptAt: time,
      createdAt: time,
      updatedAt: time,
      ...(lastError ? { lastError } : {}),
    });
  }

  const handlers: Handlers = {
    'event.submit': (event) => {
      submitted.push(event);
      return records.has(event.id) ? get(event.id) : add(event);
    },
    'outbox.list': ({ contact }) =>
      [...records.values()]
        .filter((record) => record.dismissedAt === undefined)
        .filter(of(contact))
        .sort((a, b) => b.createdAt - a.createdAt),
    'outbox.log': () =>
      [...records.values()]
        .filter((record) => record.dismissedAt !== undefined)
        .sort((a, b) => (b.dismissedAt ?? 0) - (a.dismissedAt ?? 0)),
    'outbox.summary': () => {
      const shown = [...records.values()].filter((record) => record.dismissedAt === undefined);
      return {
        queued: shown.filter((record) => record.state === 'queued').length,
        failed: shown.filter((record) => record.state === 'failed').length,
        quarantined: 0,
      };
    },
    'event.resendAsRedeposit': async ({ id, newId }) => {
      const original = get(id);
      if (original.lastError?.code !== 'deposit_exists') {
        throw new Refusal({ code: 'internal', message: `Event ${id} can't be resent as a redeposit` });
      }
      await update(id, { dismissedAt: clock });
      return add({ ...original.event, id: newId, type: 'redeposit' });
    },
    'outbox.retry': async ({ id }) => {
      await update(id, { state: 'queued' });
      return { ok: true };
    },
    'outbox.dismiss': async ({ id }) => {
      await update(id, { dismissedAt: clock });
      return { ok: true };
    },
  };

  return {
    handlers,
    add,
    all: () => [...records.values()],
    /** Every event.submit the outbox took, the same id as often as it came. */
    submitted: () => [...submitted],
    /** The platform acknowledged it. */
    deliver: (id: string) => update(id, { state: 'sent' }),
    /** The platform refused it for good. */
    refuse: (id: string, lastError: ApiError) => update(id, { state: 'failed', lastError }),
  };
}
