import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postbackRequest } from '../../../server/destinations';
import { startFakeKeitaro, startFakeWebhook } from '../../support/fake-trackers';
import type { FakeKeitaro, FakeWebhook } from '../../support/fake-trackers';
import { depositFacts, destinationAt, sendPostback as send } from '../../support/postback-events';

/**
 * A click id, a username or a source comes from outside (an ad click, a chat): whatever it holds, it stays one value
 * and cannot change the request — no extra parameter, no other status, no other JSON field. Honest path first.
 */

describe('values cannot change a postback’s shape', () => {
  let keitaro: FakeKeitaro;
  let webhook: FakeWebhook;
  beforeEach(async () => {
    keitaro = await startFakeKeitaro();
    webhook = await startFakeWebhook();
  });
  afterEach(async () => {
    await keitaro.close();
    await webhook.close();
  });

  it('the honest path: Keitaro counts the deposit with its click id, amount, currency and event id', async () => {
    const response = await send(postbackRequest(destinationAt('keitaro', keitaro.postbackUrl), depositFacts()));
    expect(response.status).toBe(200);
    expect(keitaro.conversions.map(({ request: _request, ...conversion }) => conversion)).toEqual([
      {
        clickId: 'c1ick-42',
        status: 'sale',
        amount: '150',
        currency: 'usd',
        eventId: '0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11',
      },
    ]);
  });

  it.each([
    ['a query string', 'x1&status=rejected&payout=99999&tid=other'],
    ['a fragment and a path', '../../other/postback#status=rejected'],
    ['a macro of ours', '{status}{event_id}'],
    ['percent-encoding', '%26status%3Drejected'],
  ])('a click id holding %s stays the click id', async (_what, clickId) => {
    const request = postbackRequest(destinationAt('keitaro', keitaro.postbackUrl), depositFacts({ clickId }));
    expect(new URL(request.url).pathname).toBe(`/${keitaro.postbackKey}/postback`);
    await send(request);
    expect(keitaro.conversions).toHaveLength(1);
    expect(keitaro.conversions[0]).toMatchObject({
      clickId,
      status: 'sale',
      amount: '150',
      eventId: '0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11',
    });
    expect([...(keitaro.requests[0]?.query.keys() ?? [])]).toEqual(['subid', 'status', 'payout', 'currency', 'tid']);
  });

  it('a value cannot break out of its JSON string in a webhook body', async () => {
    const destination = destinationAt('webhook', webhook.hookUrl, {
      method: 'POST',
      body: '{"click_id": "{click_id}", "status": "{status}", "username": "{username}"}',
    });
    await send(
      postbackRequest(destination, depositFacts({ username: 'x"}, "status": "rejected', clickId: 'c1"\\\n</script>' })),
    );
    expect(JSON.parse(webhook.requests[0]?.body ?? '')).toEqual({
      click_id: 'c1"\\\n</script>',
      status: 'deposit',
      username: 'x"}, "status": "rejected',
    });
    expect(webhook.conversions[0]).toMatchObject({ clickId: 'c1"\\\n</script>', status: 'deposit' });
  });

  it('a value cannot add a query parameter or a path segment to a webhook URL', async () => {
    const destination = destinationAt('webhook', `${webhook.hookUrl}/{contact_id}?click_id={click_id}&status={status}`);
    await send(
      postbackRequest(
        destination,
        depositFacts({ contactId: '../admin?status=rejected', clickId: 'a&status=rejected' }),
      ),
    );
    const [received] = webhook.requests;
    expect(received?.path).toBe('/hook/..%2Fadmin%3Fstatus%3Drejected');
    expect(received?.query.getAll('status')).toEqual(['deposit']);
    expect(received?.query.get('click_id')).toBe('a&status=rejected');
  });
});
