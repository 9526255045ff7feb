import { describe, expect, it } from 'vitest';
import { eventResponseSchema, trackerEventSchema } from '../../lib/schemas/api';
import { CHAOS_KINDS, chaosReportSchema } from '../../server/testing/chaos';
import type { ChaosKind } from '../../server/testing/chaos';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_EVENT_IDS } from '../../sandbox/demo-data';
import { BORIS, call, newEvent, postEvent, signIn, startTestSandbox } from './sandbox-helpers';

const lookupBoris = `/api/v1/contacts/telegram/${BORIS.externalId}`;
const EVENTS_ROUTE = 'POST /api/v1/events';
const LOOKUP_ROUTE = 'GET /api/v1/contacts/:channel/:externalId';

async function signedInSandbox(controls = false) {
  const sandbox = await startTestSandbox({ controls });
  const session = await signIn(sandbox);
  sandbox.resetStats();
  return { sandbox, token: session.accessToken };
}

/** The events this test logged by hand (the demo data has one of its own for Boris). */
const manualIds = (sandbox: Sandbox) =>
  sandbox
    .storedEvents()
    .filter((event) => event.source === 'manual' && !DEMO_EVENT_IDS.has(event.id))
    .map((event) => event.id);

/** What a client sees of one request: the status, or how the request failed. */
async function lookUpStatus(
  sandbox: Sandbox,
  token: string,
  timeoutMs = 2_000,
): Promise<number | 'no answer' | 'unreadable'> {
  try {
    const response = await fetch(`${sandbox.url}${lookupBoris}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    try {
      JSON.parse(text);
    } catch {
      return 'unreadable';
    }
    return response.status;
  } catch {
    return 'no answer';
  }
}

describe('sandbox chaos', () => {
  it('at rate 1 deals every kind once per round of the deck and counts each one', async () => {
    const { sandbox, token } = await signedInSandbox();
    const kinds = CHAOS_KINDS.filter((kind) => kind !== 'timeout');
    sandbox.faults.setChaos({ rate: 1, kinds, seed: 7, routes: [LOOKUP_ROUTE] });
    const seen: Array<Awaited<ReturnType<typeof lookUpStatus>>> = [];
    for (let request = 0; request < kinds.length * 2; request += 1) seen.push(await lookUpStatus(sandbox, token));

    const report = sandbox.faults.chaosReport();
    expect(report.requests).toBe(kinds.length * 2);
    expect(report.injected).toEqual({ ...Object.fromEntries(CHAOS_KINDS.map((kind) => [kind, 2])), timeout: 0 });
    const tally = (value: number | string) => seen.filter((status) => status === value).length;
    expect([tally(500), tally(502), tally(503), tally(429), tally('no answer'), tally('unreadable')]).toEqual([
      2, 2, 4, 4, 4, 4,
    ]);
    expect(tally(200)).toBe(0);
  });

  it('fails about the asked share of requests, and the same seed makes the same decisions', async () => {
    const { sandbox, token } = await signedInSandbox();
    const run = async () => {
      sandbox.faults.setChaos({ rate: 0.3, kinds: ['503'], seed: 42 });
      const statuses: Array<Awaited<ReturnType<typeof lookUpStatus>>> = [];
      for (let request = 0; request < 200; request += 1) statuses.push(await lookUpStatus(sandbox, token));
      return statuses;
    };
    const first = await run();
    const failed = first.filter((status) => status === 503).length;
    expect(failed).toBeGreaterThan(40);
    expect(failed).toBeLessThan(80);
    expect(sandbox.faults.chaosReport()).toMatchObject({
      rate: 0.3,
      seed: 42,
      requests: 200,
      injected: { '503': failed },
    });
    expect(await run()).toEqual(first);
  });

  it('sends Retry-After with the -retry-after kinds only', async () => {
    const { sandbox, token } = await signedInSandbox();
    const retryAfter = async (kind: ChaosKind) => {
      sandbox.faults.setChaos({ rate: 1, kinds: [kind], retryAfterSeconds: 4 });
      const answer = await call(sandbox, lookupBoris, { token });
      return [answer.status, answer.headers.get('retry-after')];
    };
    expect(await retryAfter('429-retry-after')).toEqual([429, '4']);
    expect(await retryAfter('503-retry-after')).toEqual([503, '4']);
    expect(await retryAfter('429')).toEqual([429, null]);
  });

  it('stores the event and loses the answer with the after-handling kinds, so the retry gets 200 for the same event', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.setChaos({ rate: 1, kinds: ['drop-after-handling'] });
    const dropped = newEvent();
    await expect(postEvent(sandbox, token, dropped)).rejects.toThrow();

    sandbox.faults.setChaos({ rate: 1, kinds: ['malformed-after-handling'] });
    const garbled = newEvent();
    const answer = await fetch(`${sandbox.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': garbled.id },
      body: JSON.stringify(garbled),
    });
    expect(answer.status).toBe(200);
    await expect(answer.json()).rejects.toThrow(SyntaxError);

    sandbox.faults.reset();
    expect(manualIds(sandbox)).toEqual([dropped.id, garbled.id]);
    for (const event of [dropped, garbled]) {
      const retry = await postEvent(sandbox, token, event);
      expect([retry.status, eventResponseSchema.parse(retry.body).event.id]).toEqual([200, event.id]);
    }
  });

  it('fails before the route runs with the other kinds: nothing is stored', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.setChaos({ rate: 1, kinds: ['500', '502', '503', '429', 'drop', 'malformed'] });
    for (let request = 0; request < 6; request += 1) await postEvent(sandbox, token, newEvent()).catch(() => undefined);
    expect(manualIds(sandbox)).toEqual([]);
    expect(Object.values(sandbox.faults.chaosReport().injected).reduce((sum, count) => sum + count, 0)).toBe(6);
  });

  it('holds a timeout past the client giving up, then stores the event', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.setChaos({ rate: 1, kinds: ['timeout'], timeoutMs: 400 });
    const event = newEvent();
    const posted = fetch(`${sandbox.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': event.id },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(100),
    });
    await expect(posted).rejects.toThrow();
    expect(manualIds(sandbox)).toEqual([]);
    await expect.poll(() => manualIds(sandbox), { timeout: 2_000 }).toEqual([event.id]);
    expect(sandbox.faults.chaosReport().injected.timeout).toBe(1);
  });

  it('lets faults asked for one by one go first, and stops at reset with its counts still readable', async () => {
    const { sandbox, token } = await signedInSandbox();
    sandbox.faults.setChaos({ rate: 1, kinds: ['502'], routes: [EVENTS_ROUTE] });
    expect(await lookUpStatus(sandbox, token)).toBe(200);
    sandbox.faults.failNext(1, 504);
    expect((await postEvent(sandbox, token, newEvent())).status).toBe(504);
    expect((await postEvent(sandbox, token, newEvent())).status).toBe(502);
    sandbox.faults.reset();
    const event = newEvent();
    expect((await postEvent(sandbox, token, event)).status).toBe(201);
    expect(sandbox.faults.chaosReport()).toMatchObject({ rate: 0, requests: 1, injected: { '502': 1 } });
  });

  it('is set and read over HTTP', async () => {
    const { sandbox, token } = await signedInSandbox(true);
    const command = { fault: 'setChaos', rate: 1, kinds: ['503-retry-after'], seed: 3, retryAfterSeconds: 2 };
    expect((await call(sandbox, '/__sandbox/faults', { json: command })).status).toBe(204);
    expect((await call(sandbox, '/__sandbox/faults', { json: { fault: 'setChaos', rate: 2 } })).status).toBe(422);
    expect(
      (await call(sandbox, '/__sandbox/faults', { json: { fault: 'setChaos', rate: 1, kinds: ['teapot'] } })).status,
    ).toBe(422);
    const event = newEvent();
    expect((await postEvent(sandbox, token, event)).status).toBe(503);
    const report = chaosReportSchema.parse((await call(sandbox, '/__sandbox/chaos')).body);
    expect(report).toMatchObject({ rate: 1, seed: 3, requests: 1, injected: { '503-retry-after': 1 } });
    expect((await call(sandbox, '/__sandbox/reset-faults', { method: 'POST' })).status).toBe(204);
    expect((await postEvent(sandbox, token, event)).status).toBe(201);
    const stored = await call(sandbox, '/__sandbox/events');
    const events = (stored.body as { events: unknown[] }).events.map((each) => trackerEventSchema.parse(each));
    expect(events.filter((each) => each.id === event.id)).toHaveLength(1);
  });
});
