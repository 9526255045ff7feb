import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { stored, type OutboxRecord, type TrackerEventInput } from '../../../lib/schemas';
import {
  allStoredOnce,
  DEMO,
  deposit,
  postsOf,
  SECOND,
  sleep,
  startWorker,
  stopWorkers,
  storedCount,
  useTestSandbox,
  waitFor,
} from '../background/support';

const anna = { channel: 'telegram', externalId: '777001' } as const;
const DEMO_OPERATOR = { id: 'op_demo', name: 'Demo Manager', email: 'demo@tracker.test' };
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const refreshes = () => sandbox.stats()['POST /api/v1/auth/refresh']?.requests ?? 0;
const registrations = (count: number) =>
  Array.from({ length: count }, () => deposit({ type: 'registration', amount: undefined, currency: undefined }));

async function records(): Promise<OutboxRecord[]> {
  const everything = await fakeBrowser.storage.local.get(null);
  return Object.entries(everything)
    .filter(([key]) => key.startsWith(stored.outboxRecord.prefix))
    .map(([, value]) => value as OutboxRecord);
}

function storedOperatorOf(event: TrackerEventInput): string | undefined {
  return sandbox.storedEvents().find((stored) => stored.id === event.id)?.operatorId;
}

/** Saves events as the demo operator while the platform refuses every post, so they stay queued under op_demo. */
async function queueAsDemo(count: number) {
  const worker = startWorker();
  await worker.handlers['session.signIn'](DEMO, {});
  sandbox.faults.failNext(100_000, 503, { route: 'POST /api/v1/events' });
  const events = registrations(count);
  for (const event of events) await worker.handlers['event.submit'](event, {});
  await waitFor(
    async () => (await records()).every((record) => record.attempts >= 1),
    3_000,
    'one refused attempt each',
  );
  return { worker, events };
}

describe('a burst of 401s', () => {
  it('makes one refresh for twenty posts and five lookups in flight together, and each is repeated once', async () => {
    const { handlers } = startWorker({ concurrency: 6 });
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.resetStats();

    const events = registrations(20);
    const [lookups] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => handlers['contact.lookup'](anna, {}))),
      Promise.all(events.map((event) => handlers['event.submit'](event, {}))),
    ]);
    await waitFor(() => allStoredOnce(sandbox, events), 5_000, 'every event stored');

    expect(lookups.map((lookup) => lookup.status)).toEqual(['found', 'found', 'found', 'found', 'found']);
    expect(refreshes()).toBe(1);
    const posts = sandbox.stats()['POST /api/v1/events']?.statuses ?? {};
    expect(posts['201']).toBe(20);
    expect(posts['401'] ?? 0).toBeLessThanOrEqual(6);
  });

  it('makes one refresh when the stored token has run out before ten calls start', async () => {
    await startWorker().handlers['session.signIn'](DEMO, {});
    await stopWorkers();
    sandbox.resetStats();
    // An hour later by the new worker's clock: the stored access token is past its expiry.
    const { handlers } = startWorker({ now: () => Date.now() + 3_600_000 });

    const answers = await Promise.all(Array.from({ length: 10 }, () => handlers['contact.lookup'](anna, {})));

    expect(answers.every((answer) => answer.status === 'found')).toBe(true);
    expect(refreshes()).toBe(1);
    expect(sandbox.stats()['GET /api/v1/contacts/:channel/:externalId']?.statuses).toEqual({ '200': 10 });
  });
});

describe('a refresh token the platform revoked', () => {
  it('ends the session once, keeps every event queued and untouched, and sends each once after sign-in', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.expireAccessTokens();
    sandbox.faults.revokeRefreshTokens();
    sandbox.resetStats();

    const events = registrations(8);
    await Promise.all(events.map((event) => handlers['event.submit'](event, {})));
    await waitFor(async () => (await handlers['session.get']({}, {})).signedIn === false, 3_000, 'the session to end');
    await sleep(100);

    expect(await handlers['session.get']({}, {})).toEqual({ signedIn: false, expired: true });
    expect(refreshes()).toBe(1);
    expect(sandbox.stats()['POST /api/v1/events']?.statuses['201'] ?? 0).toBe(0);
    expect(await handlers['outbox.summary']({}, {})).toEqual({ queued: 8, failed: 0, quarantined: 0 });
    for (const record of await records())
      expect(record).toMatchObject({ state: 'queued', attempts: 0, operatorId: 'op_demo' });
    expect(await handlers['contact.lookup'](anna, {})).toEqual({ status: 'signedOut' });

    await handlers['session.signIn'](DEMO, {});
    await waitFor(() => allStoredOnce(sandbox, events), 5_000, 'the queued events after sign-in');
    expect(events.map(storedOperatorOf)).toEqual(events.map(() => 'op_demo'));
  });
});

describe('signing out', () => {
  it('never drops a queued event: they survive sign-out and a restarted worker, and go after the next sign-in', async () => {
    const { worker, events } = await queueAsDemo(5);
    await worker.handlers['session.signOut']({}, {});
    sandbox.faults.reset();
    await sleep(300);

    const restarted = startWorker();
    expect(await restarted.handlers['outbox.summary']({}, {})).toEqual({ queued: 5, failed: 0, quarantined: 0 });
    expect((await records()).map((record) => record.state)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued']);
    expect(events.map((event) => storedCount(sandbox, event.id))).toEqual([0, 0, 0, 0, 0]);

    await restarted.handlers['session.signIn'](DEMO, {});
    await waitFor(() => allStoredOnce(sandbox, events), 5_000, 'delivery after signing in again');
  });
});

describe('another operator signs in', () => {
  it('is told whose events wait, by name, and sends none of them unasked', async () => {
    const { worker, events } = await queueAsDemo(3);
    await worker.handlers['session.signOut']({}, {});
    sandbox.faults.reset();
    const second = startWorker();
    await second.handlers['session.signIn'](SECOND, {});
    const postsBefore = postsOf(sandbox);
    await second.outbox.deliverDue();
    await sleep(200);

    expect(await second.handlers['outbox.heldForOthers']({}, {})).toEqual([
      { operatorId: 'op_demo', count: 3, operator: DEMO_OPERATOR },
    ]);
    expect(postsOf(sandbox)).toBe(postsBefore);
    expect(events.map((event) => storedCount(sandbox, event.id))).toEqual([0, 0, 0]);
  });

  it('"Send them as me": each goes once, as the operator signed in now', async () => {
    const { worker, events } = await queueAsDemo(3);
    await worker.handlers['session.signOut']({}, {});
    sandbox.faults.reset();
    const second = startWorker();
    await second.handlers['session.signIn'](SECOND, {});

    expect(await second.handlers['outbox.adopt']({ operatorId: 'op_demo' }, {})).toEqual({ adopted: 3 });
    await waitFor(() => allStoredOnce(sandbox, events), 5_000, 'the adopted events');

    expect(events.map(storedOperatorOf)).toEqual(['op_second', 'op_second', 'op_second']);
    expect(await second.handlers['outbox.heldForOthers']({}, {})).toEqual([]);
    expect(await second.handlers['outbox.adopt']({ operatorId: 'op_demo' }, {})).toEqual({ adopted: 0 });
  });

  it('"Keep them": they wait through the other session and go as their own operator when that one signs in again', async () => {
    const { worker, events } = await queueAsDemo(2);
    await worker.handlers['session.signOut']({}, {});
    sandbox.faults.reset();
    const second = startWorker();
    await second.handlers['session.signIn'](SECOND, {});
    const mine = registrations(1);
    await second.handlers['event.submit'](mine[0]!, {});
    await waitFor(() => allStoredOnce(sandbox, mine), 3_000, 'the second operator’s own event');
    await second.handlers['session.signOut']({}, {});

    await second.handlers['session.signIn'](DEMO, {});
    await waitFor(() => allStoredOnce(sandbox, events), 5_000, 'the kept events, after their operator is back');
    expect(events.map(storedOperatorOf)).toEqual(['op_demo', 'op_demo']);
    expect(storedOperatorOf(mine[0]!)).toBe('op_second');
  });

  it('lists nothing while signed out, never adopts for nobody or from oneself, and names an operator it never met by id only', async () => {
    const { worker } = await queueAsDemo(1);
    await worker.handlers['session.signOut']({}, {});
    expect(await worker.handlers['outbox.heldForOthers']({}, {})).toEqual([]);
    expect(await worker.handlers['outbox.adopt']({ operatorId: 'op_demo' }, {})).toEqual({ adopted: 0 });

    sandbox.faults.reset();
    await fakeBrowser.storage.local.remove(`${stored.knownOperator.prefix}op_demo`);
    await worker.handlers['session.signIn'](SECOND, {});
    expect(await worker.handlers['outbox.adopt']({ operatorId: 'op_second' }, {})).toEqual({ adopted: 0 });
    expect(await worker.handlers['outbox.heldForOthers']({}, {})).toEqual([{ operatorId: 'op_demo', count: 1 }]);
  });

  it('sends a failed event of the previous operator as their own when the new one retries it', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(1, 422, { route: 'POST /api/v1/events' });
    const [event] = registrations(1);
    await handlers['event.submit'](event!, {});
    await waitFor(async () => (await records())[0]?.state === 'failed', 3_000, 'the refusal');
    await handlers['session.signOut']({}, {});
    await handlers['session.signIn'](SECOND, {});

    expect(await handlers['outbox.retry']({ id: event!.id }, {})).toEqual({ ok: true });
    await waitFor(() => storedCount(sandbox, event!.id) === 1, 3_000, 'the retried event');
    expect(storedOperatorOf(event!)).toBe('op_second');
  });
});
