import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { KEEP_SETTLED_MS } from '../../../lib/background/outbox-store';
import { stored, type OutboxRecord } from '../../../lib/schemas';
import { startPlatformInFront, type PlatformInFront } from './platform-in-front';
import {
  allStoredOnce,
  DEMO,
  deposit,
  postsOf,
  SECOND,
  sleep,
  startWorker,
  storedCount,
  useTestSandbox,
  waitFor,
} from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const registration = () => deposit({ type: 'registration', amount: undefined, currency: undefined });
const eventStatuses = () => sandbox.stats()['POST /api/v1/events']?.statuses ?? {};

async function records(): Promise<OutboxRecord[]> {
  const everything = await fakeBrowser.storage.local.get(null);
  return Object.entries(everything)
    .filter(([key]) => key.startsWith(stored.outboxRecord.prefix))
    .map(([, value]) => value as OutboxRecord);
}

async function recordOf(id: string): Promise<OutboxRecord | undefined> {
  return (await records()).find((record) => record.event.id === id);
}

describe('a restarted worker', () => {
  it('loses and repeats nothing when it restarts in the middle of failures', async () => {
    // The first worker would wait 30 s before retrying; it is stopped long before that.
    const first = startWorker({ backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.5 });
    await first.handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(3, 503, { route: 'POST /api/v1/events' });
    const events = Array.from({ length: 5 }, registration);
    for (const event of events) await first.outbox.enqueue(event);
    await waitFor(async () => (await records()).every((record) => record.attempts >= 1), 3_000, 'one attempt each');
    await first.outbox.stop();

    // Two minutes later, as far as the new worker's clock is concerned: the waits are over.
    const second = startWorker({ now: () => Date.now() + 120_000 });
    await second.outbox.deliverDue();
    await waitFor(() => allStoredOnce(sandbox, events), 3_000, 'every event stored');

    expect(eventStatuses()).toEqual({ '503': 3, '201': 5 });
    expect((await records()).map((record) => record.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(sandbox.storedEvents().filter((stored) => events.some((event) => event.id === stored.id))).toHaveLength(5);
  });

  it('stores an event once when the worker is stopped while its post is on the way', async () => {
    const first = startWorker();
    await first.handlers['session.signIn'](DEMO, {});
    sandbox.faults.delayNext(1, 300, { route: 'POST /api/v1/events' });
    const event = registration();
    await first.outbox.enqueue(event);
    await sleep(50);
    // The stopped worker never wrote down that the post went out; the new one sends it again, with the same id.
    void first.outbox.stop();

    const second = startWorker();
    await second.outbox.deliverDue();
    await waitFor(async () => (await recordOf(event.id))?.state === 'sent', 3_000, 'delivery');
    await sleep(350);

    expect(storedCount(sandbox, event.id)).toBe(1);
    expect(eventStatuses()).toEqual({ '201': 1, '200': 1 });
  });
});

describe('holding events', () => {
  it('keeps events saved while signed out, and sends them once the operator who signs in takes them', async () => {
    const { outbox, handlers } = startWorker();
    const events = [registration(), registration()];
    for (const event of events) await outbox.enqueue(event);
    await outbox.deliverDue();

    expect(postsOf(sandbox)).toBe(0);
    expect(await records()).toEqual([
      expect.objectContaining({ state: 'queued', attempts: 0 }),
      expect.objectContaining({ state: 'queued', attempts: 0 }),
    ]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);

    await handlers['session.signIn'](DEMO, {});
    await handlers['outbox.adopt']({ operatorId: null }, {});
    await waitFor(() => allStoredOnce(sandbox, events), 3_000, 'delivery after sign-in');
    expect(eventStatuses()).toEqual({ '201': 2 });
  });

  it("never sends another operator's queued events", async () => {
    // The worker's clock is moved on past the Retry-After rather than waited out.
    let later = 0;
    const { outbox, handlers } = startWorker({ now: () => Date.now() + later });
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(1, 503, { retryAfter: 1, route: 'POST /api/v1/events' });
    const event = registration();
    await outbox.enqueue(event);
    await waitFor(async () => (await recordOf(event.id))?.attempts === 1, 2_000, 'the first attempt');

    await handlers['session.signOut']({}, {});
    await handlers['session.signIn'](SECOND, {});
    later = 1_100;
    await outbox.deliverDue();
    expect(postsOf(sandbox)).toBe(1);
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 1, failed: 0, quarantined: 0 });

    await handlers['session.signOut']({}, {});
    await handlers['session.signIn'](DEMO, {});
    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'delivery by its own operator');
    expect(sandbox.storedEvents().find((stored) => stored.id === event.id)?.operatorId).toBe('op_demo');
  });
});

describe('a platform in trouble', () => {
  it('delivers the events saved after one it keeps refusing with 502', async () => {
    const refused = deposit();
    const proxy = await refusingProxy(sandbox.url, refused.id);
    try {
      await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: proxy.url, defaultCurrency: 'USD' } });
      const { outbox, handlers } = startWorker({ backoff: { baseMs: 100, capMs: 400 } });
      await outbox.enqueue(refused);
      const later = Array.from({ length: 5 }, registration);
      for (const event of later) await outbox.enqueue(event);
      sandbox.faults.failNext(later.length, 503, { route: 'POST /api/v1/events' });

      await handlers['session.signIn'](DEMO, {});
      await handlers['outbox.adopt']({ operatorId: null }, {});
      await waitFor(() => allStoredOnce(sandbox, later), 8_000, 'the events saved after the refused one');
      expect(storedCount(sandbox, refused.id)).toBe(0);
      expect((await recordOf(refused.id))?.state).toBe('queued');
    } finally {
      await proxy.close();
    }
  }, 15_000);

  it('delivers what was saved while the platform was down once it is up again', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tracker-outbox-')), 'tracker.sqlite');
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, dataFile, controls: true });
    const { port } = sandbox;
    await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: sandbox.url, defaultCurrency: 'USD' } });
    const { outbox, handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    await sandbox.close();

    const events = Array.from({ length: 200 }, registration);
    for (const event of events) await outbox.enqueue(event);
    await sleep(300);
    sandbox = await startSandbox({ port, dataFile, controls: true });

    await waitFor(async () => (await handlers['outbox.summary']({}, {})).queued === 0, 5_000, 'the drain');
    expect(allStoredOnce(sandbox, events)).toBe(true);
  });
});

describe('stored data that no longer parses', () => {
  it('is set aside with its reason and counted, never dropped, and the rest is delivered', async () => {
    const broken = randomUUID();
    const misfiled = randomUUID();
    const good = registration();
    const goodRecord: OutboxRecord = {
      event: good,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      createdAt: 1,
      updatedAt: 1,
      operatorId: 'op_demo',
    };
    await fakeBrowser.storage.local.set({
      [`outbox:${broken}`]: { event: { id: broken }, state: 'lost' },
      'outbox:junk': 'a string from an older version',
      [`outbox:${misfiled}`]: { ...goodRecord, event: { ...good, id: randomUUID() } },
      [`outbox:${good.id}`]: goodRecord,
    });
    const { handlers, outbox } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    await outbox.deliverDue();

    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 0, failed: 0, quarantined: 3 });
    await waitFor(() => storedCount(sandbox, good.id) === 1, 3_000, 'the valid record delivered');
    const everything = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(everything).filter((key) => key.startsWith('outbox:'))).toEqual([`outbox:${good.id}`]);
    expect(everything[`quarantine:outbox:${broken}`]).toEqual({
      key: `outbox:${broken}`,
      value: { event: { id: broken }, state: 'lost' },
      reason: expect.stringContaining('Not a valid outbox record'),
      at: expect.any(Number),
    });
    expect(everything['quarantine:outbox:junk']).toMatchObject({ value: 'a string from an older version' });
    expect(everything[`quarantine:outbox:${misfiled}`]).toMatchObject({ reason: expect.stringContaining('event id') });
  });

  it('keeps an earlier quarantined value when the same key goes bad again', async () => {
    const { handlers } = startWorker();
    await fakeBrowser.storage.local.set({ 'outbox:x': 'first' });
    await handlers['outbox.summary']({}, {});
    await fakeBrowser.storage.local.set({ 'outbox:x': 'second' });

    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 2 });
    const values = Object.entries(await fakeBrowser.storage.local.get(null))
      .filter(([key]) => key.startsWith('quarantine:'))
      .map(([, value]) => (value as { value: unknown }).value);
    expect(values.sort()).toEqual(['first', 'second']);
  });

  it('is set aside, not overwritten, when it turns up under the key of an event being saved', async () => {
    const { handlers, outbox } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    // The worker has read the outbox once; the bad value arrives after that, from outside the worker.
    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 0 });
    const event = registration();
    await fakeBrowser.storage.local.set({ [`outbox:${event.id}`]: 'left by an older version' });
    await outbox.enqueue(event);

    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'the event delivered');
    expect(await handlers['outbox.summary']({}, {})).toMatchObject({ quarantined: 1 });
    expect(await fakeBrowser.storage.local.get(`quarantine:outbox:${event.id}`)).toMatchObject({
      [`quarantine:outbox:${event.id}`]: { value: 'left by an older version' },
    });
  });
});

describe('pruning', () => {
  it('removes sent events and dismissed failures a week after, and never a queued one', async () => {
    const { outbox, handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    const sent = registration();
    await outbox.enqueue(sent);
    await waitFor(async () => (await recordOf(sent.id))?.state === 'sent', 3_000, 'delivery');
    sandbox.faults.failNext(1, 422, { route: 'POST /api/v1/events' });
    const dismissed = registration();
    await outbox.enqueue(dismissed);
    await waitFor(async () => (await recordOf(dismissed.id))?.state === 'failed', 3_000, 'the refusal');
    await outbox.dismiss(dismissed.id);
    await handlers['session.signOut']({}, {});
    const waiting = registration();
    await outbox.enqueue(waiting);

    const sixDaysLater = startWorker({ now: () => Date.now() + KEEP_SETTLED_MS - 60_000 });
    expect((await sixDaysLater.outbox.list()).map((record) => record.event.id).sort()).toEqual(
      [sent.id, waiting.id].sort(),
    );
    expect(await recordOf(dismissed.id)).toBeDefined();
    const eightDaysLater = startWorker({ now: () => Date.now() + KEEP_SETTLED_MS + 60_000 });
    expect((await eightDaysLater.outbox.list()).map((record) => record.event.id)).toEqual([waiting.id]);
    expect((await records()).map((record) => record.event.id)).toEqual([waiting.id]);
  });
});

/** The platform, except that every POST of one event is answered 502 Bad Gateway: a gateway that chokes on it. */
function refusingProxy(platformUrl: string, refusedId: string): Promise<PlatformInFront> {
  return startPlatformInFront(platformUrl, ({ method, headers }) =>
    method === 'POST' && headers['idempotency-key'] === refusedId
      ? { status: 502, contentType: 'text/plain', body: 'Bad Gateway' }
      : undefined,
  );
}
