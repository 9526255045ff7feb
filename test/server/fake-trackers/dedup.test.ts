import { describe, expect, it } from 'vitest';
import { postbackRequest } from '../../../server/destinations';
import { startFakeKeitaro, startFakeWebhook } from '../../support/fake-trackers';
import { depositFacts, destinationAt } from '../../support/postback-events';
import { closeAfterTest, startWithDestination } from './with-destination';

/** Each fake tracker counts what its real one documents counting, fed by the presets over real HTTP. */

const OTHER_EVENT = '5d1c0a2e-7b3f-4e8d-9c6a-1f2e3d4c5b6a';

describe.each([
  ['keitaro', 1, 'counts a (subid, tid) pair once'],
  ['voluum', 1, 'counts a (cid, txid) pair once'],
  ['redtrack', 1, 'counts an rdtk_event_id once'],
  ['chatterfy', 1, 'counts a tracker.tid once per click id'],
  ['binom', 2, 'has no dedup id: a double send is two conversions'],
  ['webhook', 2, 'records every request'],
] as const)('fake %s', (kind, countedAfterTwoSends, rule) => {
  it(`${rule}`, async () => {
    const { tracker, post } = await startWithDestination(kind);
    expect((await post(depositFacts())).ok).toBe(true);
    expect((await post(depositFacts())).ok).toBe(true);
    expect(tracker.requests).toHaveLength(2);
    expect(tracker.countedFor('c1ick-42')).toHaveLength(countedAfterTwoSends);
  });

  it('counts another event of the same lead as another conversion, with what was sent', async () => {
    const { tracker, post } = await startWithDestination(kind);
    await post(depositFacts());
    await post(depositFacts({ eventId: OTHER_EVENT, eventType: 'redeposit', amount: '75.5', currency: 'EUR' }));
    const [first, second] = tracker.countedFor('c1ick-42');
    expect(first).toMatchObject({ amount: '150' });
    expect(second).toMatchObject({ amount: '75.5' });
    expect(tracker.conversions).toHaveLength(2);
  });
});

describe('what the fakes record', () => {
  it('Keitaro: counted once with click id, amount, currency and event id; a repeat is answered "already exists"', async () => {
    const keitaro = await startFakeKeitaro();
    closeAfterTest(keitaro);
    const request = postbackRequest(destinationAt('keitaro', `${keitaro.postbackUrl}?return=OK`), depositFacts());
    expect(await (await fetch(request.url)).text()).toBe('OK');
    const repeat = await fetch(request.url);
    expect(repeat.status).toBe(200);
    expect(await repeat.text()).toMatch(/already exists/);
    expect(keitaro.conversions).toHaveLength(1);
    expect(keitaro.conversions[0]).toMatchObject({
      clickId: 'c1ick-42',
      amount: '150',
      currency: 'usd',
      eventId: depositFacts().eventId,
      status: 'sale',
    });
  });

  it('Keitaro: another key is not its postback URL', async () => {
    const keitaro = await startFakeKeitaro('a7f3c91e');
    closeAfterTest(keitaro);
    expect((await fetch(`${keitaro.origin}/wrongkey/postback?subid=c1ick-42`)).status).toBe(404);
    expect(keitaro.conversions).toHaveLength(0);
  });

  it('Chatterfy: records tracker.event, tracker.cost and tracker.currency', async () => {
    const { tracker, post } = await startWithDestination('chatterfy');
    await post(depositFacts({ eventType: 'redeposit' }));
    expect(tracker.conversions[0]).toMatchObject({
      clickId: 'c1ick-42',
      status: 'resale',
      amount: '150',
      currency: 'usd',
      eventId: depositFacts().eventId,
    });
  });

  it('webhook: records method, headers and body as sent', async () => {
    const webhook = await startFakeWebhook();
    closeAfterTest(webhook);
    await fetch(`${webhook.hookUrl}/team`, { method: 'PUT', headers: { 'X-Team': 'north' }, body: 'plain text' });
    expect(webhook.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/hook/team',
      body: 'plain text',
      headers: expect.objectContaining({ 'x-team': 'north' }),
    });
  });
});
