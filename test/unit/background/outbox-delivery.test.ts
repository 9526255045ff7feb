import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { OUTBOX_ALARM } from '../../../lib/background/wake-up';
import { OUTBOX_RECORD_VERSION, stored, type OutboxRecord } from '../../../lib/schemas';
import { APPROVAL_MESSAGE, startStricterPlatform } from './stricter-platform';
import { DEMO, deposit, postsOf, startWorker, storedCount, useTestSandbox, waitFor } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

async function storedRecord(id: string): Promise<OutboxRecord | undefined> {
  const key = stored.outboxRecord.prefix + id;
  return (await fakeBrowser.storage.local.get(key))[key] as OutboxRecord | undefined;
}

async function signedInWorker(options: Parameters<typeof startWorker>[0] = {}) {
  const worker = startWorker(options);
  await worker.handlers['session.signIn'](DEMO, {});
  return worker;
}

const eventStatuses = () => sandbox.stats()['POST /api/v1/events']?.statuses ?? {};

describe('saving an event', () => {
  it('stores it before Save is acknowledged, without waiting for the platform', async () => {
    const { outbox } = await signedInWorker();
    sandbox.faults.delayNext(1, 800, { route: 'POST /api/v1/events' });
    const event = deposit();

    const started = Date.now();
    const record = await outbox.enqueue(event);

    expect(Date.now() - started).toBeLessThan(200);
    expect(record).toMatchObject({ state: 'queued', attempts: 0, operatorId: 'op_demo', event });
    expect(await storedRecord(event.id)).toEqual({ ...record, v: OUTBOX_RECORD_VERSION });
    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'the delayed post');
  });

  it('stores it while the platform is down, and counts it as queued', async () => {
    const { outbox } = await signedInWorker();
    await sandbox.close();
    const event = deposit();

    await outbox.enqueue(event);

    expect(await storedRecord(event.id)).toMatchObject({ state: 'queued', event });
    await waitFor(async () => ((await storedRecord(event.id))?.attempts ?? 0) >= 1, 3_000, 'a failed attempt');
    expect(await storedRecord(event.id)).toMatchObject({ state: 'queued', lastError: { code: 'network_error' } });
    expect(await outbox.summary()).toEqual({ queued: 1, failed: 0, quarantined: 0 });
  });

  it('keeps one record for an id saved twice (a double click)', async () => {
    const { outbox } = await signedInWorker();
    const event = deposit();

    const [first, second] = await Promise.all([outbox.enqueue(event), outbox.enqueue(event)]);

    expect(second).toEqual(first);
    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'delivery');
    await outbox.deliverDue();
    expect(postsOf(sandbox)).toBe(1);
    expect(await outbox.list()).toHaveLength(1);
  });
});

describe('delivery', () => {
  it('retries 503 three times with the same id, and the platform stores the event once', async () => {
    const { outbox } = await signedInWorker();
    sandbox.faults.failNext(3, 503, { route: 'POST /api/v1/events' });
    const event = deposit();

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 5_000, 'delivery');

    expect(await storedRecord(event.id)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(eventStatuses()).toEqual({ '503': 3, '201': 1 });
    expect(sandbox.storedEvents().filter((stored) => stored.id === event.id)).toEqual([
      expect.objectContaining({ id: event.id, amount: '150', currency: 'USD' }),
    ]);
  });

  it('stores an event once when the platform stored it but the answer was lost', async () => {
    const { outbox } = await signedInWorker();
    sandbox.faults.failNext(1, 504, { route: 'POST /api/v1/events', afterHandling: true });
    sandbox.faults.dropNext(1, { route: 'POST /api/v1/events', afterHandling: true });
    const event = deposit();

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 5_000, 'delivery');

    expect(storedCount(sandbox, event.id)).toBe(1);
    expect(eventStatuses()).toEqual({ '504': 1, dropped: 1, '200': 1 });
  });

  it('waits out Retry-After before the next attempt', async () => {
    const { outbox } = await signedInWorker();
    sandbox.faults.failNext(1, 429, { retryAfter: 1, route: 'POST /api/v1/events' });
    const event = deposit();

    const saved = Date.now();
    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.attempts === 1, 2_000, 'the first attempt');
    const afterFirst = await storedRecord(event.id);
    await waitFor(() => storedCount(sandbox, event.id) === 1, 4_000, 'delivery');

    expect(Date.now() - saved).toBeGreaterThanOrEqual(1_000);
    expect(afterFirst).toMatchObject({ state: 'queued', lastError: { code: expect.any(String) } });
    expect((afterFirst?.nextAttemptAt ?? 0) - (afterFirst?.updatedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(eventStatuses()).toEqual({ '429': 1, '201': 1 });
  });

  it('retries a timeout, a malformed answer and an expired token, storing once', async () => {
    const { outbox } = await signedInWorker({ timeoutMs: 200 });
    sandbox.faults.delayNext(1, 400, { route: 'POST /api/v1/events' });
    sandbox.faults.failNext(1, 200, { body: 'malformed', route: 'POST /api/v1/events' });
    sandbox.faults.expireAccessTokens();
    const event = deposit();

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 5_000, 'delivery');

    expect(storedCount(sandbox, event.id)).toBe(1);
  });

  it('sets one alarm for the next attempt, so a stopped worker is woken for it', async () => {
    const { outbox } = await signedInWorker();
    sandbox.faults.failNext(1, 503, { retryAfter: 120, route: 'POST /api/v1/events' });
    const event = deposit();

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.attempts === 1, 2_000, 'the first attempt');
    await outbox.deliverDue();

    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe((await storedRecord(event.id))?.nextAttemptAt);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('stops, as a worker the browser stops, even while a second pass was asked for during the first', async () => {
    const { outbox } = await signedInWorker();
    await outbox.enqueue(deposit());
    void outbox.deliverDue();
    void outbox.deliverDue();

    const stopped = await Promise.race([
      outbox.stop().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000)),
    ]);
    expect(stopped).toBe(true);
  });

  it('drains 1,000 queued events in well under 10 s, each stored once', async () => {
    const { outbox, handlers } = startWorker();
    const events = Array.from({ length: 1_000 }, () =>
      deposit({ type: 'registration', amount: undefined, currency: undefined }),
    );
    for (const event of events) await outbox.enqueue(event);

    const started = Date.now();
    await handlers['session.signIn'](DEMO, {});
    // Saved while signed out: they go once the operator who signed in takes them.
    await handlers['outbox.adopt']({ operatorId: null }, {});
    await waitFor(() => postsOf(sandbox) >= 1_000, 9_000, 'the drain');
    await outbox.deliverDue();
    const elapsed = Date.now() - started;

    expect(elapsed).toBeLessThan(5_000);
    const storedIds = new Set(sandbox.storedEvents().map((stored) => stored.id));
    expect(events.every((event) => storedIds.has(event.id))).toBe(true);
    expect(eventStatuses()).toEqual({ '201': 1_000 });
    expect(await outbox.summary()).toEqual({ queued: 0, failed: 0, quarantined: 0 });
  });
});

describe('refusals', () => {
  it("ends a 422 as failed with the platform's message at its field", async () => {
    const platform = await startStricterPlatform(sandbox.url);
    await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: platform.url, defaultCurrency: 'USD' } });
    const { outbox, handlers } = await signedInWorker();
    const event = deposit({ amount: '25000' });

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.state === 'failed', 3_000, 'the refusal');
    await platform.close();

    expect(await storedRecord(event.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 'validation_failed', fields: { amount: APPROVAL_MESSAGE } },
    });
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 1, quarantined: 0 });
    expect(storedCount(sandbox, event.id)).toBe(0);
  });

  it('ends a 409 deposit_exists as failed, and resends it as a redeposit with the same amount and time', async () => {
    const { handlers } = await signedInWorker();
    const boris = { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' } as const;
    const event = deposit({ contact: boris, amount: '75.5', currency: 'EUR', note: 'second card' });

    await handlers['event.submit'](event, {});
    await waitFor(async () => (await storedRecord(event.id))?.state === 'failed', 3_000, 'the refusal');
    expect((await storedRecord(event.id))?.lastError?.code).toBe('deposit_exists');

    const newId = randomUUID();
    const [redeposit, clicked] = await Promise.all([
      handlers['event.resendAsRedeposit']({ id: event.id, newId }, {}),
      handlers['event.resendAsRedeposit']({ id: event.id, newId }, {}),
    ]);
    expect(clicked).toEqual(redeposit);
    expect(redeposit.event).toEqual({ ...event, id: newId, type: 'redeposit' });
    await waitFor(() => storedCount(sandbox, newId) === 1, 3_000, 'the redeposit');
    // Stored is not yet answered: the platform commits before it answers, and the outbox settles when the 201 arrives.
    await waitFor(
      async () => (await handlers['outbox.summary']({}, {})).queued === 0,
      3_000,
      'the answer to the redeposit',
    );

    expect(sandbox.storedEvents().find((stored) => stored.id === newId)).toMatchObject({
      type: 'redeposit',
      amount: '75.5',
      currency: 'EUR',
      note: 'second card',
      occurredAt: event.occurredAt,
      contact: { externalId: '777002' },
    });
    expect(storedCount(sandbox, event.id)).toBe(0);
    expect((await handlers['outbox.list']({ contact: boris }, {})).map((record) => record.event.id)).toEqual([newId]);
    expect(await storedRecord(event.id)).toMatchObject({ state: 'failed', dismissedAt: expect.any(Number) });
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 0, quarantined: 0 });
  });

  it('refuses to resend what was not refused as deposit_exists', async () => {
    const { handlers } = await signedInWorker();
    const event = deposit();
    await handlers['event.submit'](event, {});
    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 3_000, 'delivery');

    await expect(handlers['event.resendAsRedeposit']({ id: event.id, newId: randomUUID() }, {})).rejects.toThrow(
      /deposit_exists/,
    );
  });

  it('retries a failed event on request, and dismisses only failed ones', async () => {
    const { handlers } = await signedInWorker();
    sandbox.faults.failNext(1, 422, { code: 'validation_failed', route: 'POST /api/v1/events' });
    const registration = { type: 'registration', amount: undefined, currency: undefined } as const;
    const failing = deposit(registration);
    const fine = deposit(registration);
    await handlers['event.submit'](failing, {});
    await handlers['event.submit'](fine, {});
    await waitFor(async () => (await storedRecord(failing.id))?.state === 'failed', 3_000, 'the refusal');
    await waitFor(async () => (await storedRecord(fine.id))?.state === 'sent', 3_000, 'delivery');

    expect(await handlers['outbox.dismiss']({ id: fine.id }, {})).toEqual({ ok: false });
    expect(await handlers['outbox.retry']({ id: failing.id }, {})).toEqual({ ok: true });
    await waitFor(async () => (await storedRecord(failing.id))?.state === 'sent', 3_000, 'the retried delivery');
    expect(storedCount(sandbox, failing.id)).toBe(1);
    expect(await handlers['outbox.retry']({ id: failing.id }, {})).toEqual({ ok: false });
  });

  it('hides a dismissed failure from the panel but keeps it stored', async () => {
    const { handlers } = await signedInWorker();
    sandbox.faults.failNext(1, 422, { route: 'POST /api/v1/events' });
    const event = deposit();
    await handlers['event.submit'](event, {});
    await waitFor(async () => (await storedRecord(event.id))?.state === 'failed', 3_000, 'the refusal');

    expect(await handlers['outbox.dismiss']({ id: event.id }, {})).toEqual({ ok: true });
    expect(await handlers['outbox.list']({}, {})).toEqual([]);
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 0, quarantined: 0 });
    expect(await storedRecord(event.id)).toMatchObject({ state: 'failed', dismissedAt: expect.any(Number) });
  });
});
