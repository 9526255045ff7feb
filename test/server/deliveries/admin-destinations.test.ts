import { describe, expect, it, vi } from 'vitest';
import {
  destinationResponseSchema,
  destinationsResponseSchema,
  destinationTestResultSchema,
} from '../../../lib/schemas/admin-deliveries';
import { readAudit } from '../../../server/audit/log';
import { destinationAt } from '../../support/postback-events';
import { startFakeKeitaro, startFakeWebhook } from '../../support/fake-trackers';
import { closeAfterTest } from '../fake-trackers/with-destination';
import { ADMIN, ENGINES, MANAGER, call, errorOf, newEvent, postEvent, signIn } from '../api/support';
import { ANNA, ANNA_CLICK_ID, CLARA, addDestination, deliveriesOf, deposit, startDeliveringServer } from './support';

const WAIT = { timeout: 10_000, interval: 25 };
const HOOK_KEY = 'Bearer sk_live_9f8e7d6c5b4a';

describe.each(ENGINES)('the admin destinations API on %s', { timeout: 30_000 }, (engine) => {
  it('masks secrets in every answer, keeps them when a masked form is saved back, and audits each change', async () => {
    const keitaro = await startFakeKeitaro('k3yf0rp0stback9');
    closeAfterTest(keitaro);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const created = await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, {
      name: 'Keitaro',
    });
    expect(created.url).toBe(`${keitaro.origin}/***/postback`);

    const listed = destinationsResponseSchema.parse(
      (await call(server, '/api/v1/admin/destinations', { token: admin.accessToken })).body,
    );
    const one = destinationResponseSchema.parse(
      (await call(server, `/api/v1/admin/destinations/${created.id}`, { token: admin.accessToken })).body,
    );
    for (const answer of [listed, one]) expect(JSON.stringify(answer)).not.toContain(keitaro.postbackKey);

    // The admin renames it and saves the form as shown, key masked: the stored key stays and postbacks still count.
    const renamed = await call(server, `/api/v1/admin/destinations/${created.id}`, {
      method: 'PUT',
      json: { ...one.destination, id: undefined, name: 'Keitaro main' },
      token: admin.accessToken,
    });
    expect(renamed.status).toBe(200);
    expect(destinationResponseSchema.parse(renamed.body).destination).toMatchObject({
      name: 'Keitaro main',
      url: `${keitaro.origin}/***/postback`,
    });
    const manager = await signIn(server, MANAGER);
    const event = deposit(ANNA);
    await postEvent(server, manager.accessToken, event);
    await vi.waitFor(
      () => expect(keitaro.countedFor(ANNA_CLICK_ID).map((each) => each.eventId)).toEqual([event.id]),
      WAIT,
    );

    const bad = await call(server, '/api/v1/admin/destinations', {
      json: { ...destinationAt('keitaro', 'ftp://x'), events: [] },
      token: admin.accessToken,
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(errorOf(bad.body).fields ?? {}).sort()).toEqual(['events', 'url']);

    const actions = (await readAudit(server.context.db, { limit: 20 })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['destination_created', 'destination_updated']));
  });

  it('masks header secrets of a webhook and keeps them on a masked save', async () => {
    const hook = await startFakeWebhook();
    closeAfterTest(hook);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const body = '{"click_id": "{click_id}", "event_id": "{event_id}", "amount": "{amount}"}';
    const created = await addDestination(server, admin.accessToken, 'webhook', hook.hookUrl, {
      name: 'CRM',
      method: 'POST',
      body,
      headers: { Authorization: HOOK_KEY },
    });
    expect(created.headers).toEqual({ Authorization: '***' });
    const saved = await call(server, `/api/v1/admin/destinations/${created.id}`, {
      method: 'PUT',
      json: { ...created, id: undefined, enabled: true },
      token: admin.accessToken,
    });
    expect(JSON.stringify(saved.body)).not.toContain('sk_live');
    const manager = await signIn(server, MANAGER);
    await postEvent(server, manager.accessToken, deposit(ANNA));
    await vi.waitFor(
      () => expect(hook.requests.map((request) => request.headers.authorization)).toEqual([HOOK_KEY]),
      WAIT,
    );

    // Test shows the request it sent with the header there, its value masked.
    const tested = await call(server, `/api/v1/admin/destinations/${created.id}/test`, {
      json: { type: 'registration', clickId: 'clk_test' },
      token: admin.accessToken,
    });
    expect(destinationTestResultSchema.parse(tested.body).request).toMatchObject({
      method: 'POST',
      headers: { Authorization: '***' },
    });
    expect(JSON.stringify(tested.body)).not.toContain('sk_live');
    expect(hook.requests.at(-1)?.headers.authorization).toBe(HOOK_KEY);
  });

  it("lists each destination with its deliveries of today: delivered, pending, held and failed, yesterday's left out", async () => {
    const keitaro = await startFakeKeitaro();
    closeAfterTest(keitaro);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    await addDestination(server, admin.accessToken, 'keitaro', 'https://tracker.example/k3y/postback', {
      name: 'Idle',
      enabled: false,
    });
    const manager = await signIn(server, MANAGER);
    const stateOf = async (contact: typeof ANNA, eventId: string) =>
      (await deliveriesOf(server, manager.accessToken, contact, eventId))[0]?.state;

    const delivered = deposit(ANNA);
    await postEvent(server, manager.accessToken, delivered);
    await vi.waitFor(async () => expect(await stateOf(ANNA, delivered.id)).toBe('delivered'), WAIT);
    const held = newEvent({ contact: CLARA });
    await postEvent(server, manager.accessToken, held);
    keitaro.failNext(400);
    const failed = deposit(ANNA, '20', 'USD', 'redeposit');
    await postEvent(server, manager.accessToken, failed);
    await vi.waitFor(async () => expect(await stateOf(ANNA, failed.id)).toBe('failed'), WAIT);
    keitaro.failNext(503, { times: 100_000 });
    const pending = deposit(ANNA, '30', 'USD', 'redeposit');
    await postEvent(server, manager.accessToken, pending);
    await vi.waitFor(() => expect(keitaro.requests.length).toBeGreaterThan(2), WAIT);

    const today = async () => {
      const answer = await call(server, '/api/v1/admin/destinations', { token: admin.accessToken });
      expect(answer.status).toBe(200);
      return destinationsResponseSchema.parse(answer.body).destinations.map((each) => [each.name, each.today]);
    };
    expect(await today()).toEqual([
      ['Keitaro', { delivered: 1, pending: 1, held: 1, failed: 1 }],
      ['Idle', { delivered: 0, pending: 0, held: 0, failed: 0 }],
    ]);

    // The delivered one was queued yesterday: today's counts leave it out.
    const yesterday = Date.now() - 86_400_000;
    await server.context.db
      .updateTable('deliveries')
      .set({ created_at: yesterday })
      .where('event_id', '=', delivered.id)
      .execute();
    expect(await today()).toEqual([
      ['Keitaro', { delivered: 0, pending: 1, held: 1, failed: 1 }],
      ['Idle', { delivered: 0, pending: 0, held: 0, failed: 0 }],
    ]);
  });

  it('is for admins only: a manager gets 403 on every destination call', async () => {
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const created = await addDestination(server, admin.accessToken, 'keitaro', 'https://tracker.example/k3y/postback');
    const manager = await signIn(server, MANAGER);
    const input = destinationAt('keitaro', 'https://tracker.example/other/postback');
    for (const [method, path, json] of [
      ['POST', '/api/v1/admin/destinations', input],
      ['GET', '/api/v1/admin/destinations', undefined],
      ['GET', `/api/v1/admin/destinations/${created.id}`, undefined],
      ['PUT', `/api/v1/admin/destinations/${created.id}`, input],
      ['DELETE', `/api/v1/admin/destinations/${created.id}`, undefined],
      ['POST', `/api/v1/admin/destinations/${created.id}/test`, { type: 'registration', clickId: 'x' }],
      ['GET', '/api/v1/admin/events', undefined],
    ] as const) {
      const answer = await call(server, path, { method, json, token: manager.accessToken });
      expect([method, path, answer.status]).toEqual([method, path, 403]);
    }
    expect((await server.context.destinations.list()).map((each) => each.url)).toEqual([
      'https://tracker.example/k3y/postback',
    ]);
  });

  it('deletes a destination: it gets nothing new, and past deliveries still name it', async () => {
    const keitaro = await startFakeKeitaro();
    closeAfterTest(keitaro);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const destination = await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, {
      name: 'Keitaro',
    });
    const manager = await signIn(server, MANAGER);
    const first = deposit(ANNA);
    await postEvent(server, manager.accessToken, first);
    await vi.waitFor(() => expect(keitaro.conversions.length).toBe(1), WAIT);

    expect(
      (
        await call(server, `/api/v1/admin/destinations/${destination.id}`, {
          method: 'DELETE',
          token: admin.accessToken,
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(server, `/api/v1/admin/destinations/${destination.id}`, { token: admin.accessToken })).status,
    ).toBe(404);
    const later = deposit(ANNA, '20', 'USD', 'redeposit');
    const posted = await postEvent(server, manager.accessToken, later);
    expect((posted.body as { event: { deliveries: unknown[] } }).event.deliveries).toEqual([]);
    // The tracker's answer is written in a group a few ms after it came, so it may land after the DELETE: it still does.
    await vi.waitFor(
      async () =>
        expect(
          (await deliveriesOf(server, manager.accessToken, ANNA, first.id)).map((each) => [
            each.destination,
            each.state,
          ]),
        ).toEqual([['Keitaro', 'delivered']]),
      WAIT,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keitaro.conversions.length).toBe(1);
  });

  it('sends one real test postback and shows the request with its key masked and the answer', async () => {
    const keitaro = await startFakeKeitaro('t3stk3y0nly');
    closeAfterTest(keitaro);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const destination = await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, {
      name: 'Keitaro',
    });
    const answer = await call(server, `/api/v1/admin/destinations/${destination.id}/test`, {
      json: { type: 'deposit', clickId: 'clk_test', amount: '12.5', currency: 'usd' },
      token: admin.accessToken,
    });
    expect(answer.status).toBe(200);
    const result = destinationTestResultSchema.parse(answer.body);
    expect(result.response).toEqual({ status: 200, body: 'Success' });
    expect(result.request.method).toBe('GET');
    expect(result.request.url).toContain(
      `${keitaro.origin}/***/postback?subid=clk_test&status=sale&payout=12.5&currency=usd&tid=`,
    );
    expect(JSON.stringify(result)).not.toContain(keitaro.postbackKey);
    const [counted] = keitaro.countedFor('clk_test');
    expect(counted?.eventId).toBe(new URL(result.request.url.replace('***', 'k')).searchParams.get('tid'));

    keitaro.failNext(500);
    const failing = destinationTestResultSchema.parse(
      (
        await call(server, `/api/v1/admin/destinations/${destination.id}/test`, {
          json: { type: 'registration', clickId: 'clk_test' },
          token: admin.accessToken,
        })
      ).body,
    );
    expect(failing.response).toEqual({ status: 500, body: 'Fault injected: HTTP 500' });
    const refused = await call(server, `/api/v1/admin/destinations/${destination.id}/test`, {
      json: { type: 'deposit', clickId: '' },
      token: admin.accessToken,
    });
    expect([refused.status, Object.keys(errorOf(refused.body).fields ?? {})]).toEqual([422, ['clickId']]);
  });
});
