import { describe, expect, it, vi } from 'vitest';
import { startFakeBinom, startFakeChatterfy, startFakeKeitaro } from '../../support/fake-trackers';
import { closeAfterTest } from '../fake-trackers/with-destination';
import { ADMIN, ENGINES, MANAGER, call, errorOf, newEvent, postEvent, signIn } from '../api/support';
import {
  ANNA,
  ANNA_CLICK_ID,
  CLARA,
  addDestination,
  deliveriesOf,
  deposit,
  startDeliveringServer,
  startWithKeitaro,
} from './support';

const WAIT = { timeout: 10_000, interval: 25 };

describe.each(ENGINES)('deliveries on %s', { timeout: 30_000 }, (engine) => {
  it('sends a deposit to Keitaro and Chatterfy once each with the click id, amount, currency and event id', async () => {
    const keitaro = await startFakeKeitaro();
    const chatterfy = await startFakeChatterfy();
    const binom = await startFakeBinom();
    [keitaro, chatterfy, binom].forEach(closeAfterTest);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    await addDestination(server, admin.accessToken, 'chatterfy', chatterfy.postbackUrl, { name: 'Chatterfy' });
    // Binom takes registrations only, and a disabled Keitaro takes nothing: neither sees the deposit.
    await addDestination(server, admin.accessToken, 'binom', binom.postbackUrl, {
      name: 'Binom',
      events: ['registration'],
    });
    const disabled = await startFakeKeitaro('d15ab1ed');
    closeAfterTest(disabled);
    await addDestination(server, admin.accessToken, 'keitaro', disabled.postbackUrl, {
      name: 'Old Keitaro',
      enabled: false,
    });

    const manager = await signIn(server, MANAGER);
    const event = deposit(ANNA, '149.99', 'EUR');
    const posted = await postEvent(server, manager.accessToken, event);
    expect(posted.status).toBe(201);
    expect((posted.body as { event: { deliveries: unknown[] } }).event.deliveries).toEqual([
      expect.objectContaining({ destination: 'Keitaro', state: 'pending', attempts: 0 }),
      expect.objectContaining({ destination: 'Chatterfy', state: 'pending', attempts: 0 }),
    ]);

    await vi.waitFor(async () => {
      const deliveries = await deliveriesOf(server, manager.accessToken, ANNA, event.id);
      expect(deliveries.map((each) => [each.destination, each.state, each.attempts])).toEqual([
        ['Keitaro', 'delivered', 1],
        ['Chatterfy', 'delivered', 1],
      ]);
    }, WAIT);
    expect(
      keitaro.conversions.map(({ clickId, status, amount, currency, eventId }) => ({
        clickId,
        status,
        amount,
        currency,
        eventId,
      })),
    ).toEqual([{ clickId: ANNA_CLICK_ID, status: 'sale', amount: '149.99', currency: 'eur', eventId: event.id }]);
    expect(
      chatterfy.conversions.map(({ clickId, status, amount, currency, eventId }) => ({
        clickId,
        status,
        amount,
        currency,
        eventId,
      })),
    ).toEqual([{ clickId: ANNA_CLICK_ID, status: 'sale', amount: '149.99', currency: 'eur', eventId: event.id }]);
    expect([binom.requests.length, disabled.requests.length]).toEqual([0, 0]);

    // A registration goes to Binom (which takes it) and to the two that take every type.
    const registration = newEvent({ contact: { channel: 'telegram', externalId: '777002' } });
    expect((await postEvent(server, manager.accessToken, registration)).status).toBe(201);
    await vi.waitFor(
      () => expect(binom.countedFor('clk_b0r15').map((each) => each.status)).toEqual(['registration']),
      WAIT,
    );
    await vi.waitFor(() => expect(keitaro.countedFor('clk_b0r15').map((each) => each.status)).toEqual(['lead']), WAIT);
    expect(disabled.requests.length).toBe(0);
    // The manager's answers name destinations, never their URLs or keys.
    const lookup = await call(server, '/api/v1/contacts/telegram/777001', { token: manager.accessToken });
    expect(JSON.stringify(lookup.body)).not.toContain(keitaro.postbackKey);
    expect(JSON.stringify(lookup.body)).not.toContain(chatterfy.postbackId);
  });

  it('retries 5xx, 429 with Retry-After (capped), a timeout and a reset after counting: each tracker counts it once', async () => {
    const keitaro = await startFakeKeitaro();
    const chatterfy = await startFakeChatterfy();
    [keitaro, chatterfy].forEach(closeAfterTest);
    keitaro.failNext(503, { times: 2 });
    keitaro.failNext(429, { retryAfterSeconds: 3600 });
    keitaro.holdNext();
    keitaro.resetAfterCountingNext();
    chatterfy.resetAfterCountingNext(2);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    await addDestination(server, admin.accessToken, 'chatterfy', chatterfy.postbackUrl, { name: 'Chatterfy' });
    const manager = await signIn(server, MANAGER);
    const event = deposit(ANNA);
    const started = Date.now();
    expect((await postEvent(server, manager.accessToken, event)).status).toBe(201);

    await vi.waitFor(async () => {
      const deliveries = await deliveriesOf(server, manager.accessToken, ANNA, event.id);
      expect(deliveries.map((each) => [each.destination, each.state, each.attempts])).toEqual([
        ['Keitaro', 'delivered', 6],
        ['Chatterfy', 'delivered', 3],
      ]);
    }, WAIT);
    // Retry-After said an hour; the cap (300 ms here) kept the delivery from waiting that long.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(keitaro.requests.map((request) => request.query.get('tid'))).toEqual(Array(6).fill(event.id));
    expect(keitaro.conversions.map((each) => each.eventId)).toEqual([event.id]);
    expect(chatterfy.conversions.map((each) => each.eventId)).toEqual([event.id]);
  });

  it('fails a delivery the tracker refuses with a 4xx, shows why, and sends it when an admin resends', async () => {
    const keitaro = await startFakeKeitaro();
    closeAfterTest(keitaro);
    keitaro.failNext(400);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const destination = await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, {
      name: 'Keitaro',
    });
    const manager = await signIn(server, MANAGER);
    const event = deposit(ANNA);
    await postEvent(server, manager.accessToken, event);

    await vi.waitFor(async () => {
      const [delivery] = await deliveriesOf(server, manager.accessToken, ANNA, event.id);
      expect(delivery).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 400: Fault injected: HTTP 400' });
    }, WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keitaro.requests.length).toBe(1);

    const failedOnly = await call(server, '/api/v1/admin/events?state=failed', { token: admin.accessToken });
    expect((failedOnly.body as { events: Array<{ id: string }> }).events.map((each) => each.id)).toEqual([event.id]);

    const path = `/api/v1/admin/events/${event.id}/deliveries/${destination.id}/retry`;
    expect((await call(server, path, { method: 'POST', token: manager.accessToken })).status).toBe(403);
    expect((await call(server, path, { method: 'POST', token: admin.accessToken })).status).toBe(202);
    await vi.waitFor(async () => {
      const [delivery] = await deliveriesOf(server, manager.accessToken, ANNA, event.id);
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 2 });
    }, WAIT);
    expect(keitaro.conversions.map((each) => each.eventId)).toEqual([event.id]);
    // Delivered is final: a second resend is refused rather than counted twice by a tracker without dedup.
    const again = await call(server, path, { method: 'POST', token: admin.accessToken });
    expect([again.status, errorOf(again.body).code]).toEqual([409, 'already_delivered']);
  });

  it("holds a lead's events while it has no click id and sends them when a manager links it", async () => {
    const { keitaro, server, admin, manager } = await startWithKeitaro(engine);
    const registration = newEvent({ contact: CLARA });
    const first = deposit(CLARA, '50');
    await postEvent(server, manager.accessToken, registration);
    await postEvent(server, manager.accessToken, first);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(keitaro.requests.length).toBe(0);
    expect(
      (await deliveriesOf(server, manager.accessToken, CLARA, first.id)).map((each) => [each.state, each.attempts]),
    ).toEqual([['held', 0]]);
    const held = await call(server, '/api/v1/admin/events?state=held', { token: admin.accessToken });
    expect((held.body as { events: Array<{ id: string }> }).events.map((each) => each.id).sort()).toEqual(
      [registration.id, first.id].sort(),
    );

    const linked = await call(server, '/api/v1/contacts/telegram/777003/tracker-data', {
      method: 'PUT',
      json: { clickId: 'clk_clara' },
      token: manager.accessToken,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ contact: { externalId: '777003', trackerData: { clickId: 'clk_clara' } } });
    await vi.waitFor(
      () =>
        expect(
          keitaro
            .countedFor('clk_clara')
            .map((each) => each.eventId)
            .sort(),
        ).toEqual([registration.id, first.id].sort()),
      WAIT,
    );
    await vi.waitFor(async () => {
      expect((await deliveriesOf(server, manager.accessToken, CLARA, first.id)).map((each) => each.state)).toEqual([
        'delivered',
      ]);
    }, WAIT);
  });

  it('keeps sending other deliveries while one keeps failing', async () => {
    const keitaro = await startFakeKeitaro();
    const broken = await startFakeBinom();
    [keitaro, broken].forEach(closeAfterTest);
    broken.failNext(503, { times: 1_000 });
    const server = await startDeliveringServer(engine, {
      deliveries: { concurrencyPerDestination: 1, backoff: { baseMs: 3_000, maxMs: 3_000 } },
    });
    const admin = await signIn(server, ADMIN);
    await addDestination(server, admin.accessToken, 'binom', broken.postbackUrl, { name: 'Broken Binom' });
    await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    const manager = await signIn(server, MANAGER);
    // The first postback to Keitaro fails; with one slot, the four after it still go before its retry comes due.
    keitaro.failNext(502);
    const events = [
      deposit(ANNA, '10'),
      ...['20', '30', '40', '50'].map((amount) => deposit(ANNA, amount, 'USD', 'redeposit')),
    ];
    expect((await postEvent(server, manager.accessToken, events[0])).status).toBe(201);
    await vi.waitFor(() => expect(keitaro.requests.length).toBe(1), WAIT);
    for (const event of events.slice(1)) expect((await postEvent(server, manager.accessToken, event)).status).toBe(201);

    await vi.waitFor(() => expect(keitaro.conversions.length).toBe(4), { timeout: 2_500, interval: 25 });
    // The four that came after it, in whatever order a claimed batch sends them; the failed one only on its retry.
    expect(keitaro.conversions.map((each) => each.eventId).sort()).toEqual(
      events
        .slice(1)
        .map((event) => event.id)
        .sort(),
    );
    await vi.waitFor(() => expect(keitaro.conversions.map((each) => each.eventId)).toContain(events[0]?.id), WAIT);
    expect(broken.conversions.length).toBe(0);
  });
});
