import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/server';
import { stored, type TrackerEvent } from '../../../lib/schemas';
import { startPlatformInFront, type Intercepted, type PlatformInFront } from './platform-in-front';
import { DEMO, deposit, startWorker, useTestSandbox } from './support';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

let front: PlatformInFront | undefined;
afterEach(() => front?.close());

const failedEvent: TrackerEvent = {
  ...deposit({ id: 'e0000000-0000-4000-8000-000000000001', occurredAt: '2026-12-05T08:00:00.000Z' }),
  status: 'accepted',
  receivedAt: '2026-12-05T08:00:01.000Z',
  source: 'manual',
  operatorId: 'op_demo',
  deliveries: [
    { destinationId: 'dst_keitaro', destination: 'Keitaro', state: 'delivered', attempts: 1 },
    { destinationId: 'dst_binom', destination: 'Binom', state: 'failed', attempts: 1, lastError: '400 invalid token' },
  ],
};

/** The server with deliveries, in front of the sandbox: it answers the failed-deliveries call, the sandbox the rest. */
async function platformWithDeliveries(answer: (request: Intercepted) => { status: number; body: unknown }) {
  const asked: Intercepted[] = [];
  front = await startPlatformInFront(sandbox.url, (request) => {
    if (request.method !== 'GET' || !request.url?.startsWith('/api/v1/events?')) return undefined;
    asked.push(request);
    const { status, body } = answer(request);
    return { status, contentType: 'application/json', body: JSON.stringify(body) };
  });
  await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: front.url, defaultCurrency: 'USD' } });
  return asked;
}

describe('the failed deliveries the popup lists', () => {
  it('asks the platform for the signed-in operator’s failed deliveries, with the session’s bearer token', async () => {
    const asked = await platformWithDeliveries(() => ({ status: 200, body: { events: [failedEvent] } }));
    const worker = startWorker();
    await worker.handlers['session.signIn'](DEMO, {});

    expect(await worker.handlers['deliveries.failed']({}, {})).toEqual({ status: 'listed', events: [failedEvent] });
    expect(asked.map((request) => request.url)).toEqual(['/api/v1/events?delivery=failed']);
    expect(asked[0]?.headers.authorization).toMatch(/^Bearer \S+$/);
  });

  it('lists none on a platform without deliveries (the sandbox does not know the call)', async () => {
    const worker = startWorker();
    await worker.handlers['session.signIn'](DEMO, {});
    expect(await worker.handlers['deliveries.failed']({}, {})).toEqual({ status: 'listed', events: [] });
  });

  it('says signed out without asking the platform, and passes the platform’s error on', async () => {
    const asked = await platformWithDeliveries(() => ({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Database unavailable' } },
    }));
    const worker = startWorker();
    expect(await worker.handlers['deliveries.failed']({}, {})).toEqual({ status: 'signedOut' });
    expect(asked).toHaveLength(0);

    await worker.handlers['session.signIn'](DEMO, {});
    expect(await worker.handlers['deliveries.failed']({}, {})).toEqual({
      status: 'error',
      error: { code: 'internal_error', message: 'Database unavailable' },
    });
  });

  it('refuses an answer that breaks the contract rather than show it', async () => {
    await platformWithDeliveries(() => ({
      status: 200,
      body: { events: [{ ...failedEvent, deliveries: [{ destination: 'Binom', state: 'lost' }] }] },
    }));
    const worker = startWorker();
    await worker.handlers['session.signIn'](DEMO, {});
    expect(await worker.handlers['deliveries.failed']({}, {})).toMatchObject({
      status: 'error',
      error: { code: 'malformed_response' },
    });
  });
});
