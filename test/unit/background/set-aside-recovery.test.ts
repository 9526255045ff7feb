import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { OUTBOX_RECORD_VERSION, stored, type OutboxRecord } from '../../../lib/schemas';
import { DEMO, deposit, startWorker, storedCount, useTestSandbox, waitFor } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const registration = () => deposit({ type: 'registration', amount: undefined, currency: undefined });

function queuedRecord(overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  const time = Date.now();
  return {
    event: registration(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: time,
    createdAt: time,
    updatedAt: time,
    operatorId: 'op_demo',
    apiUrl: sandbox.url,
    ...overrides,
  };
}

const keyOf = (record: OutboxRecord) => stored.outboxRecord.prefix + record.event.id;

describe('records set aside', () => {
  it('one stored by a newer version is set aside, never guessed at, and listed whole for export', async () => {
    const future = { ...queuedRecord(), v: OUTBOX_RECORD_VERSION + 7, somethingNew: true };
    await fakeBrowser.storage.local.set({ [keyOf(future)]: future });
    const { handlers } = startWorker();

    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 0, quarantined: 1 });
    expect(await handlers['outbox.setAside']({}, {})).toEqual([
      { key: keyOf(future), value: future, reason: expect.stringContaining('newer version'), at: expect.any(Number) },
    ]);
    expect(await handlers['outbox.restoreSetAside']({}, {})).toEqual({ restored: 0, left: 1 });
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 0, quarantined: 1 });
  });

  it('one that reads now is put back by Retry and delivered once; one whose key holds a record again stays aside', async () => {
    const readable = queuedRecord();
    const taken = queuedRecord();
    const aside = (record: OutboxRecord) => ({
      key: keyOf(record),
      value: record,
      reason: 'Not a valid outbox record (an older build)',
      at: 1,
    });
    await fakeBrowser.storage.local.set({
      [stored.quarantined.prefix + keyOf(readable)]: aside(readable),
      [stored.quarantined.prefix + keyOf(taken)]: aside(taken),
      [keyOf(taken)]: { ...taken, v: OUTBOX_RECORD_VERSION },
    });
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    await waitFor(() => storedCount(sandbox, taken.event.id) === 1, 3_000, 'the record under its key');

    expect(await handlers['outbox.restoreSetAside']({}, {})).toEqual({ restored: 1, left: 1 });
    await waitFor(
      async () => (await handlers['outbox.summary']({}, {})).queued === 0,
      3_000,
      'the record put back, sent',
    );
    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 1 });
    expect(sandbox.storedEvents().filter((event) => event.id === readable.event.id)).toHaveLength(1);
  });
});
