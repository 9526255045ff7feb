import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { stored, type OutboxRecord } from '../../../lib/schemas';
import { DEMO, deposit, startWorker, storedCount, useTestSandbox, waitFor } from './support';

const EVENTS = 'POST /api/v1/events';
const registration = () => deposit({ type: 'registration', amount: undefined, currency: undefined });
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

async function recordOf(id: string): Promise<OutboxRecord | undefined> {
  const key = stored.outboxRecord.prefix + id;
  return (await fakeBrowser.storage.local.get(key))[key] as OutboxRecord | undefined;
}

describe('once the platform answers again', () => {
  it('delivers the events waiting out a backoff at once, not when each one falls due', async () => {
    // Long waits, so an event that is delivered at once was not merely due.
    const { outbox, handlers } = startWorker({ backoff: { baseMs: 10_000, capMs: 10_000 }, random: () => 0.99 });
    await handlers['session.signIn'](DEMO, {});
    sandbox.faults.failNext(1, 503, { route: EVENTS });
    const waiting = registration();
    await outbox.enqueue(waiting);
    await waitFor(async () => (await recordOf(waiting.id))?.attempts === 1, 2_000, 'the failed first attempt');

    // The manager saves another event: the platform takes it, so it is back, and the first one goes with it.
    const next = registration();
    await outbox.enqueue(next);
    await waitFor(async () => (await recordOf(waiting.id))?.state === 'sent', 2_000, 'the waiting event');
    expect([storedCount(sandbox, waiting.id), storedCount(sandbox, next.id)]).toEqual([1, 1]);
  });
});
