import { describe, expect, it, vi } from 'vitest';
import { auditResponseSchema } from '../../../lib/schemas/admin';
import { adminIntakeListSchema, adminLeadSchema, intakeCreatedSchema } from '../../../lib/schemas/console';
import type { IntakeKind } from '../../../lib/schemas/console';
import { mergeHistory } from '../../../lib/domain/event-history';
import { possibleDuplicates } from '../../../lib/domain/possible-duplicates';
import { loggerOptions } from '../../../server/app';
import type { RunningServer } from '../../../server/app';
import { startFakeKeitaro } from '../../support/fake-trackers';
import { closeAfterTest } from '../fake-trackers/with-destination';
import { ADMIN, ENGINES, MANAGER, call, errorOf, postEvent, signIn } from '../api/support';
import {
  ANNA,
  CLARA,
  addDestination,
  deliveriesOf,
  deposit,
  eventsOf,
  startDeliveringServer,
  startWithKeitaro,
} from '../deliveries/support';

const WAIT = { timeout: 10_000, interval: 25 };

async function createIntake(server: RunningServer, adminToken: string, kind: IntakeKind, name = `${kind} intake`) {
  const answer = await call(server, '/api/v1/admin/intakes', { json: { name, kind }, token: adminToken });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return intakeCreatedSchema.parse(answer.body).intake;
}

/** The intake URL as a caller pastes it: absolute, on this server. */
const pathOf = (url: string) => new URL(url).pathname;

function form(values: Record<string, string>) {
  return {
    rawBody: new URLSearchParams(values).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

const query = (values: Record<string, string>) => `?${new URLSearchParams(values).toString()}`;

describe.each(ENGINES)('intakes on %s', { timeout: 60_000 }, (engine) => {
  it('links a lead from a Chatterfy webhook and a flow deposit, and the held manual deposit then reaches Keitaro with that click id', async () => {
    const keitaro = await startFakeKeitaro();
    closeAfterTest(keitaro);
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    const links = await createIntake(server, admin.accessToken, 'links');
    const flow = await createIntake(server, admin.accessToken, 'flow');
    expect(links.url).toMatch(new RegExp(`^${server.url}/intake/[A-Za-z0-9_-]{43}$`));

    const manager = await signIn(server, MANAGER);
    const held = deposit(CLARA, '75', 'USD');
    expect((await postEvent(server, manager.accessToken, held)).status).toBe(201);
    expect((await deliveriesOf(server, manager.accessToken, CLARA, held.id)).map((each) => each.state)).toEqual([
      'held',
    ]);

    // What Chatterfy sends after filling `<url>?channel=telegram&contact_id={chatId}&click_id={tracker.clickid}&username={username}`.
    const linked = await call(
      server,
      `${pathOf(links.url)}${query({ channel: 'telegram', contact_id: '777003', click_id: 'kt_clara01', username: 'clara_s' })}`,
    );
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    await vi.waitFor(
      () =>
        expect(keitaro.countedFor('kt_clara01').map((each) => [each.eventId, each.status, each.amount])).toEqual([
          [held.id, 'sale', '75'],
        ]),
      WAIT,
    );

    // A flow's "Send Tracker Event" step: stored with the step's name and forwarded like a manual event, once per event_id.
    const step = {
      channel: 'telegram',
      contact_id: '777003',
      event: 'redeposit',
      step: 'Second top-up',
      amount: '20.50',
      currency: 'usd',
      event_id: 'chatterfy-run-42',
    };
    expect((await call(server, `${pathOf(flow.url)}${query(step)}`)).status).toBe(201);
    expect((await call(server, `${pathOf(flow.url)}${query(step)}`)).status).toBe(200);
    await vi.waitFor(
      () =>
        expect(keitaro.countedFor('kt_clara01').map((each) => [each.status, each.amount])).toEqual([
          ['sale', '75'],
          ['rebill', '20.5'],
        ]),
      WAIT,
    );
    const events = await eventsOf(server, manager.accessToken, CLARA);
    expect(
      events.filter((each) => each.source === 'flow').map((each) => [each.stepName, each.amount, each.currency]),
    ).toEqual([['Second top-up', '20.5', 'USD']]);
  });

  it('takes every kind over GET, form POST and JSON POST; the same link again changes nothing', async () => {
    const server = await startDeliveringServer(engine);
    const admin = await signIn(server, ADMIN);
    const manager = await signIn(server, MANAGER);
    const links = pathOf((await createIntake(server, admin.accessToken, 'links')).url);
    const values = { channel: 'telegram', contact_id: '900001', click_id: 'clk_get_01', source: 'fb', username: '' };
    expect((await call(server, `${links}${query(values)}`)).status).toBe(200);
    expect((await call(server, links, form({ ...values, contact_id: '900002', click_id: 'clk_form_02' }))).status).toBe(
      200,
    );
    expect(
      (await call(server, links, { json: { ...values, contact_id: '900003', click_id: 'clk_json_03' } })).status,
    ).toBe(200);
    expect(
      (await call(server, links, { json: { ...values, contact_id: '900003', click_id: 'clk_json_03' } })).status,
    ).toBe(200);
    for (const [id, clickId] of [
      ['900001', 'clk_get_01'],
      ['900002', 'clk_form_02'],
      ['900003', 'clk_json_03'],
    ] as const) {
      const lookup = await call(server, `/api/v1/contacts/telegram/${id}`, { token: manager.accessToken });
      expect(lookup.body).toMatchObject({ contact: { externalId: id, trackerData: { clickId, source: 'fb' } } });
    }

    const flow = pathOf((await createIntake(server, admin.accessToken, 'flow')).url);
    const registration = { channel: 'whatsapp', contact_id: '4915112345678', event: 'registration', step: 'Signed up' };
    expect((await call(server, flow, form(registration))).status).toBe(201);
    expect((await call(server, flow, { json: { ...registration, contact_id: '4915112345679' } })).status).toBe(201);
    const lookup = await call(server, '/api/v1/contacts/whatsapp/4915112345678', { token: manager.accessToken });
    expect(lookup.body).toMatchObject({ events: [{ type: 'registration', source: 'flow', stepName: 'Signed up' }] });
  });

  it('refuses bad input by field, unknown and revoked secrets, and limits the calls per intake', async () => {
    const server = await startDeliveringServer(engine, { intakeLimits: { burst: 3, perSecond: 0.01 } });
    const admin = await signIn(server, ADMIN);
    const created = await createIntake(server, admin.accessToken, 'flow');
    const flow = pathOf(created.url);

    const bad = await call(
      server,
      `${flow}${query({ channel: 'telegram', contact_id: '1', event: 'deposit', step: 'Paid', amount: '1,5', currency: 'USD' })}`,
    );
    expect(bad.status).toBe(422);
    expect(errorOf(bad.body).fields).toEqual({ amount: 'The amount must be a decimal string like 1234.5' });
    const missing = await call(server, flow, {
      json: { channel: 'telegram', contact_id: '1', event: 'refund', step: 'x' },
    });
    expect(missing.status).toBe(422);
    expect(Object.keys(errorOf(missing.body).fields ?? {})).toEqual(['event']);

    expect((await call(server, '/intake/not-a-real-secret-at-all')).status).toBe(404);
    // Three calls in a burst (two refused above, this one taken), then the intake waits for its allowance.
    const hello = `${flow}${query({ channel: 'telegram', contact_id: '1', event: 'registration', step: 'Hi' })}`;
    expect((await call(server, hello)).status).toBe(201);
    const limited = await call(server, hello);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);

    expect(
      (await call(server, `/api/v1/admin/intakes/${created.id}`, { method: 'DELETE', token: admin.accessToken }))
        .status,
    ).toBe(204);
    expect(
      (
        await call(
          server,
          `${flow}${query({ channel: 'telegram', contact_id: '1', event: 'registration', step: 'Hi' })}`,
        )
      ).status,
    ).toBe(404);
    const list = adminIntakeListSchema.parse(
      (await call(server, '/api/v1/admin/intakes', { token: admin.accessToken })).body,
    );
    expect(list.intakes).toEqual([
      expect.objectContaining({ id: created.id, kind: 'flow', revokedAt: expect.any(String), lastCallStatus: 429 }),
    ]);
    expect(JSON.stringify(list)).not.toContain(created.url.split('/intake/')[1]);

    const audit = auditResponseSchema.parse(
      (await call(server, '/api/v1/admin/audit?action=intake_called', { token: admin.accessToken })).body,
    );
    expect(audit.entries.map((entry) => entry.details?.status).reverse()).toEqual([422, 422, 404, 201, 429, 404]);
    expect(JSON.stringify(audit)).not.toContain(created.url.split('/intake/')[1]);

    const manager = await signIn(server, MANAGER);
    expect(
      (await call(server, '/api/v1/admin/intakes', { json: { name: 'x', kind: 'links' }, token: manager.accessToken }))
        .status,
    ).toBe(403);

    // Guessing secrets: one more unknown call from this address fills its burst (the two 404s above were two), then 429.
    expect((await call(server, '/intake/another-guess-at-a-secret')).status).toBe(404);
    expect((await call(server, '/intake/yet-another-guess')).status).toBe(429);
  });

  it('stores a partner postback on the contact with that click id, never forwarded, and keeps an unknown click id for the admin', async () => {
    const { keitaro, server, admin, manager } = await startWithKeitaro(engine);
    const links = pathOf((await createIntake(server, admin.accessToken, 'links')).url);
    const postbacks = pathOf((await createIntake(server, admin.accessToken, 'postbacks')).url);
    expect(
      (await call(server, `${links}${query({ channel: 'telegram', contact_id: '777003', click_id: 'kt_partner7' })}`))
        .status,
    ).toBe(200);
    const partner = { click_id: 'kt_partner7', event: 'deposit', amount: '100.00', currency: 'USD', tid: 'net-881' };
    expect((await call(server, `${postbacks}${query(partner)}`)).status).toBe(201);
    expect((await call(server, postbacks, form(partner))).status).toBe(200);
    expect(
      (
        await call(
          server,
          `${postbacks}${query({ click_id: 'kt_nobody99', event: 'deposit', amount: '5', currency: 'EUR' })}`,
        )
      ).status,
    ).toBe(200);
    // Keitaro is reachable (the manager's redeposit reaches it), yet it never got the partner's own deposit back.
    const manual = deposit(CLARA, '40', 'USD', 'redeposit');
    expect((await postEvent(server, manager.accessToken, manual)).status).toBe(201);
    await vi.waitFor(() => expect(keitaro.conversions.length).toBe(1), WAIT);

    const events = await eventsOf(server, manager.accessToken, CLARA);
    expect(events.map((each) => [each.source, each.type, each.amount]).sort()).toEqual([
      ['manual', 'redeposit', '40'],
      ['postback', 'deposit', '100'],
    ]);
    expect(events.find((each) => each.source === 'postback')?.deliveries).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keitaro.conversions.map((each) => each.eventId)).toEqual([manual.id]);
    const kept = await call(server, '/api/v1/admin/unmatched-postbacks', { token: admin.accessToken });
    expect(kept.body).toEqual({
      postbacks: [expect.objectContaining({ clickId: 'kt_nobody99', type: 'deposit', amount: '5', currency: 'EUR' })],
    });
    expect((await call(server, '/api/v1/admin/unmatched-postbacks', { token: manager.accessToken })).status).toBe(403);
  });
  it('stores a partner postback beside the deposit a manager logged for the same lead and amount, never forwarded, so the panel can say they may be the same', async () => {
    const { keitaro, server, admin, manager } = await startWithKeitaro(engine);
    const links = pathOf((await createIntake(server, admin.accessToken, 'links')).url);
    const postbacks = pathOf((await createIntake(server, admin.accessToken, 'postbacks')).url);
    expect(
      (await call(server, `${links}${query({ channel: 'telegram', contact_id: '777003', click_id: 'kt_same01' })}`))
        .status,
    ).toBe(200);
    const byHand = {
      ...deposit(CLARA, '150', 'USD'),
      occurredAt: new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString(),
    };
    expect((await postEvent(server, manager.accessToken, byHand)).status).toBe(201);
    await vi.waitFor(
      () => expect(keitaro.countedFor('kt_same01').map((each) => each.eventId)).toEqual([byHand.id]),
      WAIT,
    );

    // Three hours later the partner network reports the payment its own way: stored on Clara, not set aside.
    const partner = { click_id: 'kt_same01', event: 'deposit', amount: '150.00', currency: 'usd', tid: 'net-5150' };
    expect((await call(server, `${postbacks}${query(partner)}`)).status).toBe(201);
    expect((await call(server, `${postbacks}${query(partner)}`)).status).toBe(200);
    expect((await call(server, '/api/v1/admin/unmatched-postbacks', { token: admin.accessToken })).body).toEqual({
      postbacks: [],
    });

    // What the manager's panel reads: both deposits, the postback with no delivery, and the pair its note is shown for.
    const events = await eventsOf(server, manager.accessToken, CLARA);
    const deposits = events.filter((each) => each.type === 'deposit');
    expect(deposits.map((each) => [each.source, each.amount, each.currency]).sort()).toEqual([
      ['manual', '150', 'USD'],
      ['postback', '150', 'USD'],
    ]);
    expect(deposits.find((each) => each.source === 'postback')?.deliveries).toEqual([]);
    const pairs = possibleDuplicates(mergeHistory(events, []));
    expect(pairs.map((pair) => [pair.logged.id, pair.postback.source])).toEqual([[byHand.id, 'postback']]);

    // The admin's lead page shows the same pair, the manual one delivered once the platform has heard
    // the tracker's answer (the tracker counts the deposit a moment before that answer is recorded).
    await vi.waitFor(async () => {
      const lead = adminLeadSchema.parse(
        (await call(server, '/api/v1/admin/contacts/telegram/777003', { token: admin.accessToken })).body,
      );
      expect(
        lead.events
          .filter((each) => each.type === 'deposit')
          .map((each) => [each.source, each.deliveries.map((delivery) => delivery.state)])
          .sort(),
      ).toEqual([
        ['manual', ['delivered']],
        ['postback', []],
      ]);
    }, WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keitaro.conversions.map((each) => each.eventId)).toEqual([byHand.id]);

    // A manager's second first deposit is still refused: the postback only stopped counting as one.
    const again = await postEvent(server, manager.accessToken, deposit(CLARA, '60', 'USD'));
    expect([again.status, errorOf(again.body).code]).toEqual([409, 'deposit_exists']);
  });

  it("takes a manager's first deposit after a partner's postback reported one", async () => {
    const { server, admin, manager } = await startWithKeitaro(engine);
    const postbacks = pathOf((await createIntake(server, admin.accessToken, 'postbacks')).url);
    // Anna's click id is in the demo data: the partner's deposit lands on her first.
    expect(
      (
        await call(
          server,
          `${postbacks}${query({ click_id: 'clk_7f3a9c', event: 'deposit', amount: '80', currency: 'EUR' })}`,
        )
      ).status,
    ).toBe(201);
    const byHand = deposit(ANNA, '80', 'EUR');
    expect((await postEvent(server, manager.accessToken, byHand)).status).toBe(201);
    expect(
      (await eventsOf(server, manager.accessToken, ANNA))
        .filter((each) => each.type === 'deposit')
        .map((each) => each.source)
        .sort(),
    ).toEqual(['manual', 'postback']);
  });
});

describe('team settings', () => {
  it('an admin sets the first-message pattern every operator reads; an unsafe one is refused at the field', async () => {
    const server = await startDeliveringServer('sqlite');
    const admin = await signIn(server, ADMIN);
    const manager = await signIn(server, MANAGER);
    expect((await call(server, '/api/v1/team-settings', { token: manager.accessToken })).body).toEqual({});
    const saved = await call(server, '/api/v1/admin/settings/first-message-pattern', {
      method: 'PUT',
      json: { pattern: 'ref[:\\s]*([A-Za-z0-9_-]{6,64})' },
      token: admin.accessToken,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await call(server, '/api/v1/team-settings', { token: manager.accessToken })).body).toEqual({
      firstMessagePattern: 'ref[:\\s]*([A-Za-z0-9_-]{6,64})',
    });

    const unsafe = await call(server, '/api/v1/admin/settings/first-message-pattern', {
      method: 'PUT',
      json: { pattern: '(a+)+b' },
      token: admin.accessToken,
    });
    expect(unsafe.status).toBe(422);
    expect(errorOf(unsafe.body).fields?.pattern).toMatch(/backtrack/);
    expect(
      (await call(server, '/api/v1/admin/settings/first-message-pattern', { token: admin.accessToken })).body,
    ).toEqual({ pattern: 'ref[:\\s]*([A-Za-z0-9_-]{6,64})' });
    expect(
      (
        await call(server, '/api/v1/admin/settings/first-message-pattern', {
          method: 'PUT',
          json: { pattern: null },
          token: manager.accessToken,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(server, '/api/v1/admin/settings/first-message-pattern', {
          method: 'PUT',
          json: { pattern: null },
          token: admin.accessToken,
        })
      ).body,
    ).toEqual({ pattern: null });
    expect((await call(server, '/api/v1/team-settings', { token: manager.accessToken })).body).toEqual({});
  });
});

describe('the popup list of events no tracker counted', () => {
  it("lists the manager's own events with a failed delivery, with their deliveries; an unknown list is refused", async () => {
    const { keitaro, server, admin, manager } = await startWithKeitaro('sqlite');
    const counted = deposit(ANNA, '10', 'USD', 'redeposit');
    expect((await postEvent(server, manager.accessToken, counted)).status).toBe(201);
    await vi.waitFor(() => expect(keitaro.conversions.length).toBe(1), WAIT);
    keitaro.failNext(400);
    const refused = deposit(ANNA, '20', 'USD', 'redeposit');
    expect((await postEvent(server, manager.accessToken, refused)).status).toBe(201);
    await vi.waitFor(
      async () =>
        expect((await deliveriesOf(server, manager.accessToken, ANNA, refused.id)).map((each) => each.state)).toEqual([
          'failed',
        ]),
      WAIT,
    );

    const list = await call(server, '/api/v1/events?delivery=failed', { token: manager.accessToken });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      events: [{ id: refused.id, deliveries: [{ destination: 'Keitaro', state: 'failed' }] }],
    });
    expect((list.body as { events: unknown[] }).events).toHaveLength(1);
    expect((await call(server, '/api/v1/events?delivery=failed', { token: admin.accessToken })).body).toEqual({
      events: [],
    });
    const unknown = await call(server, '/api/v1/events?delivery=pending', { token: manager.accessToken });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown.body).fields).toHaveProperty('delivery');
  });
});

describe('intake secrets in logs', () => {
  it('logs where an intake call went, never its secret', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const server = await startDeliveringServer('sqlite', { logger: { ...(loggerOptions('info') as object), stream } });
    const admin = await signIn(server, ADMIN);
    const links = await createIntake(server, admin.accessToken, 'links');
    const secret = links.url.split('/intake/')[1] ?? '';
    expect(
      (
        await call(
          server,
          `${pathOf(links.url)}${query({ channel: 'telegram', contact_id: '5', click_id: 'clk_logged' })}`,
        )
      ).status,
    ).toBe(200);
    const logged = lines.join('\n');
    expect(logged).toContain('"url":"/intake/[redacted]"');
    expect(logged).not.toContain(secret);
  });
});
