import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { contactLookupResponseSchema, errorBodySchema, sessionSchema, trackerEventSchema } from '../../lib/schemas/api';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_EVENT_IDS } from '../../sandbox/demo-data';
import { BORIS, call, newEvent, postEvent, signIn, startTestSandbox } from './sandbox-helpers';

const lookupBoris = `/api/v1/contacts/telegram/${BORIS.externalId}`;

async function signedInSandbox(controls = false) {
  const sandbox = await startTestSandbox({ controls });
  const session = await signIn(sandbox);
  return { sandbox, session, token: session.accessToken };
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The events this test logged by hand (the demo data has one of its own for Boris). */
const manualEvents = (sandbox: Sandbox) =>
  sandbox.storedEvents().filter((event) => event.source === 'manual' && !DEMO_EVENT_IDS.has(event.id));

describe('sandbox fault controls', () => {
  it('fails the next API requests with the asked status and Retry-After, then answers normally', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(2, 503, { retryAfter: 3 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await call(sandbox, lookupBoris, { token });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('3');
      expect(errorBodySchema.parse(answer.body).error.code).toBe('service_unavailable');
    }
    expect((await call(sandbox, lookupBoris, { token })).status).toBe(200);
  });

  it('can answer 200 with a body that is not JSON', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(1, 200, { body: 'malformed' });
    const response = await fetch(`${sandbox.url}${lookupBoris}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('can answer 200 with JSON that is not the route answer', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(1, 200, { body: 'wrong-shape' });
    const answer = await call(sandbox, lookupBoris, { token });
    expect(answer.status).toBe(200);
    expect(contactLookupResponseSchema.safeParse(answer.body).success).toBe(false);
  });

  it('can fail after storing the event: the retry gets 200 for the event stored by the failed call', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(1, 504, { afterHandling: true, route: 'POST /api/v1/events' });
    const event = newEvent();
    expect((await postEvent(sandbox, token, event)).status).toBe(504);
    expect(manualEvents(sandbox).map((stored) => stored.id)).toEqual([event.id]);
    expect((await postEvent(sandbox, token, event)).status).toBe(200);
  });

  it('fails only the route it names', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(1, 500, { route: 'POST /api/v1/events' });
    expect((await call(sandbox, lookupBoris, { token })).status).toBe(200);
    expect((await postEvent(sandbox, token, newEvent())).status).toBe(500);
    expect(manualEvents(sandbox)).toHaveLength(0);
  });

  it('delays the next requests, or every request while a delay is set', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.delayNext(1, 300);
    expect(await timed(() => call(sandbox, lookupBoris, { token }))).toBeGreaterThanOrEqual(290);
    expect(await timed(() => call(sandbox, lookupBoris, { token }))).toBeLessThan(200);
    sandbox.faults.setDelay(150);
    expect(await timed(() => call(sandbox, lookupBoris, { token }))).toBeGreaterThanOrEqual(140);
    expect(await timed(() => call(sandbox, lookupBoris, { token }))).toBeGreaterThanOrEqual(140);
    sandbox.faults.setDelay(0);
    expect(await timed(() => call(sandbox, lookupBoris, { token }))).toBeLessThan(140);
  });

  it('drops the connection without an answer, so fetch rejects', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.dropNext(1);
    await expect(call(sandbox, lookupBoris, { token })).rejects.toThrow();
    expect((await call(sandbox, lookupBoris, { token })).status).toBe(200);
  });

  it('can lose the answer after storing the event: the retry gets 200 and the event is stored exactly once', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.dropNext(1, { afterHandling: true });
    const event = newEvent();
    await expect(postEvent(sandbox, token, event)).rejects.toThrow();
    expect((await postEvent(sandbox, token, event)).status).toBe(200);
    expect(manualEvents(sandbox).map((stored) => stored.id)).toEqual([event.id]);
    expect(sandbox.stats()['POST /api/v1/events']).toEqual({ requests: 2, statuses: { dropped: 1, '200': 1 } });
  });

  it('expires every access token, while the refresh token still works', async () => {
    const { sandbox, session, token } = await signedInSandbox();
    sandbox.faults.expireAccessTokens();
    const answer = await call(sandbox, lookupBoris, { token });
    expect([answer.status, errorBodySchema.parse(answer.body).error.code]).toEqual([401, 'token_expired']);
    const refreshed = sessionSchema.parse(
      (await call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } })).body,
    );
    expect((await call(sandbox, lookupBoris, { token: refreshed.accessToken })).status).toBe(200);
  });

  it('revokes every refresh token: refresh answers session_expired', async () => {
    const { sandbox, session } = await signedInSandbox();
    sandbox.faults.revokeRefreshTokens();
    const answer = await call(sandbox, '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken } });
    expect([answer.status, errorBodySchema.parse(answer.body).error.code]).toEqual([401, 'session_expired']);
  });

  it('closes at once even while a request is held by a delay', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.setDelay(10_000);
    const held = call(sandbox, lookupBoris, { token });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await timed(() => sandbox.close())).toBeLessThan(500);
    await expect(held).rejects.toThrow();
  });

  it('reset turns every pending fault off', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.failNext(5, 503);
    sandbox.faults.dropNext(1);
    sandbox.faults.setDelay(500);
    sandbox.faults.reset();
    expect(
      await timed(async () => expect((await call(sandbox, lookupBoris, { token })).status).toBe(200)),
    ).toBeLessThan(400);
  });
});

describe('sandbox controls over HTTP', () => {
  it('takes faults as JSON, lists stored events and counts requests per route, without spending faults on itself', async () => {
    const { sandbox, token } = await signedInSandbox(true);
    sandbox.resetStats();
    const command = { fault: 'failNext', count: 1, status: 429, retryAfter: 2, route: 'POST /api/v1/events' };
    expect((await call(sandbox, '/__sandbox/faults', { json: command })).status).toBe(204);
    const invalid = await call(sandbox, '/__sandbox/faults', { json: { fault: 'explode' } });
    expect(invalid.status).toBe(422);

    const event = newEvent();
    const limited = await postEvent(sandbox, token, event);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await postEvent(sandbox, token, event)).status).toBe(201);

    const stored = await call(sandbox, '/__sandbox/events');
    const events = (stored.body as { events: unknown[] }).events.map((each) => trackerEventSchema.parse(each));
    expect(
      events.filter((each) => each.source === 'manual' && !DEMO_EVENT_IDS.has(each.id)).map((each) => each.id),
    ).toEqual([event.id]);
    expect((await call(sandbox, '/__sandbox/stats')).body).toEqual({
      'POST /api/v1/events': { requests: 2, statuses: { '429': 1, '201': 1 } },
    });

    await call(sandbox, '/__sandbox/faults', { json: { fault: 'dropNext', count: 3 } });
    expect((await call(sandbox, '/__sandbox/reset-faults', { method: 'POST' })).status).toBe(204);
    expect((await call(sandbox, lookupBoris, { token })).status).toBe(200);
    expect((await call(sandbox, '/__sandbox/reset-stats', { method: 'POST' })).status).toBe(204);
    expect((await call(sandbox, '/__sandbox/stats')).body).toEqual({});
  });

  it('are not there unless asked for', async () => {
    const { sandbox } = await signedInSandbox(false);
    for (const path of ['/__sandbox/stats', '/__sandbox/events']) {
      const answer = await call(sandbox, path);
      expect([answer.status, errorBodySchema.parse(answer.body).error.code]).toEqual([404, 'not_found']);
    }
    expect((await call(sandbox, '/__sandbox/faults', { json: { fault: 'reset' } })).status).toBe(404);
  });
});

describe('sandbox static files', () => {
  it('serves files under the prefix and nothing outside the folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tracker-sandbox-static-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const dir = join(parent, 'public');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<h1>Demo chat</h1>');
    writeFileSync(join(parent, 'secret.txt'), 'not for the web');
    const sandbox = await startTestSandbox({ staticDir: { urlPrefix: '/demo/', dir } });
    const page = await fetch(`${sandbox.url}/demo/`);
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<h1>Demo chat</h1>',
    ]);
    expect((await fetch(`${sandbox.url}/demo/%2e%2e%2fsecret.txt`)).status).toBe(404);
  });
});
