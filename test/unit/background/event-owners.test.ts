import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { stored, type OutboxRecord } from '../../../lib/schemas';
import { DEMO, SECOND, deposit, postsOf, sleep, startWorker, storedCount, useTestSandbox, waitFor } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

let other: Sandbox | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
});

const EVENTS = 'POST /api/v1/events';
const registration = () => deposit({ type: 'registration', amount: undefined, currency: undefined });
const settingsFor = (apiUrl: string) => ({ apiUrl, defaultCurrency: 'USD', language: 'auto' as const });
const operatorOf = (platform: Sandbox, id: string) =>
  platform.storedEvents().find((event) => event.id === id)?.operatorId;

async function recordOf(id: string): Promise<OutboxRecord | undefined> {
  const key = stored.outboxRecord.prefix + id;
  return (await fakeBrowser.storage.local.get(key))[key] as OutboxRecord | undefined;
}

describe('events saved while signed out', () => {
  it('are held at sign-in, offered to the operator who signed in, and sent as theirs only when they say so', async () => {
    const { outbox, handlers } = startWorker({ timeoutMs: 10_000 });
    const events = [registration(), registration()];
    for (const event of events) await outbox.enqueue(event);

    await handlers['session.signIn'](DEMO, {});
    await outbox.deliverDue();
    await sleep(300);

    expect(postsOf(sandbox)).toBe(0);
    expect(await handlers['outbox.heldForOthers']({}, {})).toEqual([{ operatorId: null, count: 2 }]);

    expect(await handlers['outbox.adopt']({ operatorId: null }, {})).toEqual({ adopted: 2 });
    await waitFor(
      () => events.every((event) => storedCount(sandbox, event.id) === 1),
      3_000,
      'delivery as the operator who chose',
    );
    expect(events.map((event) => operatorOf(sandbox, event.id))).toEqual(['op_demo', 'op_demo']);
    expect(await handlers['outbox.heldForOthers']({}, {})).toEqual([]);
  });
});

describe('a post under way when one operator signs out and another signs in', () => {
  it("never goes with the second operator's token, and goes as its own operator's later", async () => {
    const { outbox, handlers } = startWorker({ timeoutMs: 10_000 });
    await handlers['session.signIn'](DEMO, {});
    const event = registration();
    sandbox.faults.expireAccessTokens();
    sandbox.faults.delayNext(1, 800, { route: 'POST /api/v1/auth/refresh' });

    await outbox.enqueue(event);
    await waitFor(
      () => (sandbox.stats()['POST /api/v1/auth/refresh']?.requests ?? 0) === 1,
      3_000,
      'the refresh on its way',
    );
    await handlers['session.signOut']({}, {});
    await handlers['session.signIn'](SECOND, {});
    // Resolves once nothing is in flight: the post that waited on the refresh has ended, one way or the other.
    await outbox.deliverDue();

    expect(operatorOf(sandbox, event.id)).toBeUndefined();
    expect(await recordOf(event.id)).toMatchObject({ state: 'queued', operatorId: 'op_demo' });

    await handlers['session.signOut']({}, {});
    await handlers['session.signIn'](DEMO, {});
    await waitFor(() => storedCount(sandbox, event.id) === 1, 3_000, 'delivery by its own operator');
    expect(operatorOf(sandbox, event.id)).toBe('op_demo');
  });
});

describe('events saved for another platform', () => {
  it('wait, listed, while another platform is set, and go to theirs when it is chosen again', async () => {
    other = await startSandbox({ port: 0, dataFile: ':memory:', controls: true });
    const { outbox, handlers } = startWorker({ timeoutMs: 10_000 });
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(10_000, 503, { route: EVENTS });
    const forFirst = [registration(), registration()];
    for (const event of forFirst) await outbox.enqueue(event);
    await waitFor(async () => ((await recordOf(forFirst[1]?.id ?? ''))?.attempts ?? 0) >= 1, 3_000, 'a failed attempt');

    await handlers['settings.save'](settingsFor(other.url), {});
    await handlers['session.signIn'](DEMO, {});
    const forSecond = registration();
    await outbox.enqueue(forSecond);
    await waitFor(() => storedCount(other as Sandbox, forSecond.id) === 1, 3_000, 'the new platform’s own event');
    await outbox.resume();
    await sleep(300);

    expect(postsOf(other)).toBe(1);
    expect(await handlers['outbox.forOtherPlatforms']({}, {})).toEqual([{ apiUrl: sandbox.url, count: 2 }]);
    expect(await handlers['outbox.heldForOthers']({}, {})).toEqual([]);

    sandbox.faults.reset();
    await handlers['settings.save'](settingsFor(sandbox.url), {});
    await handlers['session.signIn'](DEMO, {});
    await waitFor(
      () => forFirst.every((event) => storedCount(sandbox, event.id) === 1),
      3_000,
      'delivery to the platform they were saved for',
    );
    expect(await handlers['outbox.forOtherPlatforms']({}, {})).toEqual([]);
    expect(storedCount(other, forFirst[0]?.id ?? '')).toBe(0);
  });

  it('are dismissed when the manager gives up on them: in the log, never sent', async () => {
    const { outbox, handlers } = startWorker({ timeoutMs: 10_000 });
    const event = registration();
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(10_000, 503, { route: EVENTS });
    await outbox.enqueue(event);
    await handlers['settings.save'](settingsFor('http://127.0.0.1:9'), {});

    expect(await handlers['outbox.dismissForPlatform']({ apiUrl: sandbox.url }, {})).toEqual({ dismissed: 1 });
    expect(await handlers['outbox.forOtherPlatforms']({}, {})).toEqual([]);
    expect(await handlers['outbox.log']({}, {})).toEqual([
      expect.objectContaining({ event, state: 'queued', dismissedAt: expect.any(Number) }),
    ]);

    sandbox.faults.reset();
    await handlers['settings.save'](settingsFor(sandbox.url), {});
    await handlers['session.signIn'](DEMO, {});
    await outbox.deliverDue();
    await sleep(300);
    expect(storedCount(sandbox, event.id)).toBe(0);
  });
});
