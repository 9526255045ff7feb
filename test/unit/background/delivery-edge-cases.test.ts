import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { parseRetryAfter } from '../../../lib/background/api-client';
import { stored, type OutboxRecord } from '../../../lib/schemas';
import { startPlatformInFront, type PlatformInFront } from './platform-in-front';
import { refuseWritesOf } from './full-disk';
import { DEMO, deposit, postsOf, startWorker, storedCount, useTestSandbox, waitFor } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

let inFront: PlatformInFront | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await inFront?.close();
  inFront = undefined;
});

const registration = () => deposit({ type: 'registration', amount: undefined, currency: undefined });
const HOUR_MS = 60 * 60 * 1000;
const EVENTS = '/api/v1/events';

async function storedRecord(id: string): Promise<OutboxRecord | undefined> {
  const key = stored.outboxRecord.prefix + id;
  return (await fakeBrowser.storage.local.get(key))[key] as OutboxRecord | undefined;
}

/** The extension pointed at `url` and signed in there. */
async function signedInWorkerAt(url: string) {
  await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: url, defaultCurrency: 'USD' } });
  const worker = startWorker({ timeoutMs: 10_000 });
  expect(await worker.handlers['session.signIn'](DEMO, {})).toMatchObject({ ok: true });
  return worker;
}

describe('Retry-After', () => {
  it('is read as at most an hour, and a malformed one is ignored', () => {
    const now = Date.parse('2026-11-25T09:30:00.000Z');
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(3_600);
    expect(parseRetryAfter('7200', now)).toBe(3_600);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:30:00 GMT', now)).toBe(3_600);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
    for (const malformed of ['-5', '1.5', '12abc', '2026-11-25', 'Infinity', '1e400', 'Wed, 25 Nov 2026 09:30:30']) {
      expect(parseRetryAfter(malformed, now), malformed).toBeUndefined();
    }
  });

  it('of hundreds of digits leaves the event queued within the hour, not set aside, and the queue moving', async () => {
    let answered = false;
    inFront = await startPlatformInFront(sandbox.url, ({ method, url }) => {
      if (method !== 'POST' || url !== EVENTS || answered) return undefined;
      answered = true;
      return {
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '9'.repeat(400) },
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Busy' } }),
      };
    });
    const { outbox } = await signedInWorkerAt(inFront.url);
    const first = registration();

    await outbox.enqueue(first);
    await waitFor(async () => (await storedRecord(first.id))?.attempts === 1, 2_000, 'the first attempt');
    const waiting = await storedRecord(first.id);
    const next = registration();
    await outbox.enqueue(next);
    await waitFor(async () => (await storedRecord(next.id))?.state === 'sent', 2_000, 'the event saved after it');

    expect(waiting).toMatchObject({ state: 'queued', lastError: { code: 'unavailable' } });
    expect((waiting?.nextAttemptAt ?? Infinity) - (waiting?.updatedAt ?? 0)).toBeLessThanOrEqual(HOUR_MS);
    expect(await outbox.summary()).toEqual({ queued: 1, failed: 0, quarantined: 0 });
    await outbox.retry(first.id);
    await waitFor(() => storedCount(sandbox, first.id) === 1, 2_000, 'the waiting event, retried');
  });
});

describe("the platform's answer", () => {
  it('counts an event as sent only when the answer carries its id', async () => {
    let answered = false;
    inFront = await startPlatformInFront(sandbox.url, ({ method, url, body }) => {
      if (method !== 'POST' || url !== EVENTS || answered) return undefined;
      answered = true;
      const posted = JSON.parse(body.toString());
      const other = {
        ...posted,
        id: deposit().id,
        status: 'accepted',
        receivedAt: new Date().toISOString(),
        source: 'manual',
      };
      return { status: 201, contentType: 'application/json', body: JSON.stringify({ event: other }) };
    });
    const { outbox } = await signedInWorkerAt(inFront.url);
    const event = deposit();

    await outbox.enqueue(event);
    await waitFor(async () => (await storedRecord(event.id))?.attempts === 1, 2_000, 'the first attempt');
    expect(await storedRecord(event.id)).toMatchObject({ state: 'queued', lastError: { code: 'malformed_response' } });

    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 3_000, 'delivery');
    expect(storedCount(sandbox, event.id)).toBe(1);
  });
});

describe('storage that refuses a write', () => {
  it('after a 2xx: the "sent" write is tried again with growing rests, never posting the event again', async () => {
    const { outbox } = await signedInWorkerAt(sandbox.url);
    const event = deposit();
    let posted = false;
    const refused = refuseWritesOf(() => (posted ? stored.outboxRecord.prefix + event.id : undefined));

    await outbox.enqueue(event);
    posted = true;
    await waitFor(() => storedCount(sandbox, event.id) === 1, 2_000, 'the post');
    await waitFor(() => refused.refusedAt.length >= 5, 3_000, 'five refused writes');
    refused.allow();
    await waitFor(async () => (await storedRecord(event.id))?.state === 'sent', 3_000, 'the "sent" write');

    expect(postsOf(sandbox)).toBe(1);
    // Backoff of 20 ms doubling to 200 ms (the tests' policy, with full jitter): five tries take more than a few ticks.
    expect(refused.refusedAt.length).toBeLessThan(40);
  });

  it('on Save: the Save fails with a clear message, and every event queued before is kept and delivered', async () => {
    const { outbox, handlers } = await signedInWorkerAt(sandbox.url);
    await sandbox.close();
    const earlier = deposit();
    await outbox.enqueue(earlier);
    const refusedEvent = deposit({ amount: '99' });
    const refused = refuseWritesOf(() => stored.outboxRecord.prefix + refusedEvent.id);

    const save = handlers['event.submit'](refusedEvent, {});

    await expect(save).rejects.toMatchObject({
      code: 'storage_failed',
      message: expect.stringContaining('was not saved'),
    });
    expect(await storedRecord(refusedEvent.id)).toBeUndefined();
    expect(await storedRecord(earlier.id)).toMatchObject({ state: 'queued' });
    refused.allow();
    expect(await handlers['event.submit'](refusedEvent, {})).toMatchObject({ state: 'queued' });
    expect(await outbox.summary()).toMatchObject({ queued: 2, quarantined: 0 });
  });
});
