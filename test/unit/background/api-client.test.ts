import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { createApiClient, parseRetryAfter, type ApiClient } from '../../../lib/background/api-client';
import { DEMO, deposit, resetExtension, startTestSandbox } from './support';

let sandbox: Sandbox;
let api: ApiClient;

beforeEach(async () => {
  resetExtension();
  sandbox = await startTestSandbox();
  api = createApiClient({ baseUrl: async () => sandbox.url, timeoutMs: 300 });
});

afterEach(() => sandbox.close());

async function signedIn(): Promise<string> {
  const result = await api.login(DEMO);
  if (!result.ok) throw new Error('sign-in failed');
  return result.data.accessToken;
}

describe('the API client', () => {
  it('posts an event with the event id as Idempotency-Key: stored once, a retry answers 200', async () => {
    const token = await signedIn();
    const event = deposit();

    const first = await api.postEvent(event, token);
    const again = await api.postEvent(event, token);

    expect(first).toMatchObject({
      ok: true,
      status: 201,
      data: { id: event.id, amount: '150', source: 'manual', operatorId: 'op_demo' },
    });
    expect(again).toMatchObject({ ok: true, status: 200, data: { id: event.id } });
    expect(sandbox.storedEvents().filter((stored) => stored.id === event.id)).toHaveLength(1);
  });

  it("returns the platform's error with its fields", async () => {
    const token = await signedIn();
    const result = await api.postEvent({ ...deposit(), amount: '1.999' }, token);

    expect(result).toMatchObject({
      ok: false,
      failure: {
        kind: 'http',
        status: 422,
        error: { code: 'validation_failed', fields: { amount: expect.any(String) } },
      },
    });
  });

  it('reads Retry-After in seconds', async () => {
    const token = await signedIn();
    sandbox.faults.failNext(1, 429, { retryAfter: 7 });

    expect(await api.postEvent(deposit(), token)).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 429, retryAfterSeconds: 7 },
    });
  });

  it('gives up on a platform that does not answer in time', async () => {
    const token = await signedIn();
    sandbox.faults.delayNext(1, 1_000);

    expect(await api.postEvent(deposit(), token)).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });

  it('tells a dropped connection and a server that is gone as network errors', async () => {
    const token = await signedIn();
    sandbox.faults.dropNext(1);
    expect(await api.getContact({ channel: 'telegram', externalId: '777001' }, token)).toMatchObject({
      ok: false,
      failure: { kind: 'network' },
    });

    await sandbox.close();
    expect(await api.login(DEMO)).toMatchObject({
      ok: false,
      failure: { kind: 'network', message: expect.stringContaining(sandbox.url) },
    });
  });

  it('refuses a success whose body is not what the contract says', async () => {
    const token = await signedIn();
    sandbox.faults.failNext(1, 200, { body: 'malformed' });
    sandbox.faults.failNext(1, 200, { body: 'wrong-shape' });

    expect(await api.postEvent(deposit(), token)).toMatchObject({
      ok: false,
      failure: { kind: 'malformed', status: 200 },
    });
    expect(await api.postEvent(deposit(), token)).toMatchObject({
      ok: false,
      failure: { kind: 'malformed', status: 200 },
    });
  });

  it('gives an error body a proxy did not write a code of its status', async () => {
    const token = await signedIn();
    sandbox.faults.failNext(1, 502, { body: 'malformed' });

    expect(await api.getContact({ channel: 'telegram', externalId: '777001' }, token)).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 502, error: { code: 'http_502' } },
    });
  });

  it('reads a contact, and 404 for one the platform does not know', async () => {
    const token = await signedIn();
    const boris = await api.getContact({ channel: 'telegram', externalId: '777002' }, token);
    const clara = await api.getContact({ channel: 'telegram', externalId: '777003' }, token);

    expect(boris).toMatchObject({
      ok: true,
      data: {
        contact: { displayName: 'Boris Ivanov' },
        // The demo's Boris: the partner's postback of the deposit the bot flow logged, that deposit, the flow's registration.
        events: [
          { type: 'deposit', source: 'postback' },
          { type: 'deposit', source: 'flow' },
          { type: 'registration', source: 'flow' },
        ],
      },
    });
    expect(clara).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 404, error: { code: 'contact_not_found' } },
    });
  });
});

describe('Retry-After', () => {
  it('is delay-seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-25T09:30:00.000Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:30:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
