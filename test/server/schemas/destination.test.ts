import { describe, expect, it } from 'vitest';
import { deliverySchema } from '../../../lib/schemas';
import { destinationInputSchema, destinationSchema } from '../../../lib/schemas/destination';
import { destinationAt } from '../../support/postback-events';

/** What an admin is told, at the field, when a destination cannot be saved. */

function problems(input: unknown): Record<string, string> {
  const result = destinationInputSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const keitaro = destinationAt('keitaro', 'https://tracker.team.example/e89bcbe/postback');

describe('a destination an admin saves', () => {
  it('is taken as the admin wrote it, names and statuses trimmed', () => {
    const result = destinationInputSchema.parse({
      ...keitaro,
      name: '  Keitaro  ',
      statusMap: { ...keitaro.statusMap, deposit: ' sale ' },
    });
    expect(result).toEqual({ ...keitaro, name: 'Keitaro' });
  });

  it('needs a name, a kind, statuses and at least one event type', () => {
    expect(
      problems({ ...keitaro, name: ' ', kind: 'matomo', events: [], statusMap: { registration: '', deposit: 'sale' } }),
    ).toEqual({
      name: 'Enter a name',
      kind: 'Choose a kind: keitaro, binom, voluum, redtrack, chatterfy, webhook',
      events: 'Choose at least one event type',
      'statusMap.registration': 'Enter the status the tracker expects for a registration',
      'statusMap.redeposit': 'Enter the status the tracker expects for a redeposit',
    });
  });

  it('takes each event type once', () => {
    expect(problems({ ...keitaro, events: ['deposit', 'deposit'] })).toEqual({ events: 'Each event type once' });
  });
});

describe('the postback URL', () => {
  it.each([
    ['not a URL', 'tracker.team.example/key/postback', 'Enter a full URL, starting with https://'],
    [
      'http to another machine',
      'http://tracker.team.example/e89bcbe/postback',
      'Use https:// — the URL carries the tracker key (http:// only for a tracker on this machine)',
    ],
    [
      'credentials in it',
      'https://admin:pw@tracker.team.example/e89bcbe/postback',
      'Remove the user name and password from the URL; put credentials in a header',
    ],
    [
      'a fragment',
      'https://tracker.team.example/e89bcbe/postback#x',
      'Remove the # part: it is never sent to the tracker',
    ],
    [
      'a campaign link instead of the postback URL',
      'https://tracker.team.example/a1b2c3',
      'A keitaro postback URL looks like https://<tracker>/<postback key>/postback',
    ],
    ['Keitaro’s own macros', 'https://tracker.team.example/e89bcbe/postback?subid={subid}', 'Unknown macro {subid}'],
  ])('is refused with %s', (_what, url, message) => {
    expect(problems({ ...keitaro, url }).url).toContain(message);
  });

  it('may be plain http on this machine, for the demo tracker and tests', () => {
    expect(problems({ ...keitaro, url: 'http://127.0.0.1:8790/e89bcbe/postback' })).toEqual({});
    expect(problems({ ...keitaro, url: 'http://localhost:8790/e89bcbe/postback' })).toEqual({});
  });

  it('of Chatterfy is the one its tracker shows', () => {
    expect(
      problems(destinationAt('chatterfy', 'https://api.chatterfy.ai/api/postbacks/48d0524a/tracker-postback')),
    ).toEqual({});
    expect(
      problems(destinationAt('chatterfy', 'https://app.chatterfy.ai/api/bots/webhooks/48d0524a/updateDialog')).url,
    ).toBe('A chatterfy postback URL looks like https://api.chatterfy.ai/api/postbacks/<id>/tracker-postback');
  });

  it('of a webhook may hold our macros in its path and query, not in its host', () => {
    expect(problems(destinationAt('webhook', 'https://hooks.team.example/{channel}?c={click_id}'))).toEqual({});
    expect(problems(destinationAt('webhook', 'https://{source}.team.example/in')).url).toBe(
      'Macros go in the path or the query, not in the host name',
    );
  });
});

describe('a webhook’s method, headers and body', () => {
  const webhook = destinationAt('webhook', 'https://hooks.team.example/in', { method: 'POST' });

  it('takes a JSON body template with macros inside strings', () => {
    expect(
      problems({ ...webhook, body: '{"click": "{click_id}", "amount": "{amount}", "nested": {"list": ["{status}"]}}' }),
    ).toEqual({});
  });

  it.each([
    [
      'a macro outside quotes',
      '{"amount": {amount}}',
      'The body must be JSON, with macros inside quotes, like {"click_id": "{click_id}"}',
    ],
    ['an unknown macro', '{"click": "{clickid}"}', 'Unknown macro {clickid}'],
  ])('refuses a body with %s', (_what, body, message) => {
    expect(problems({ ...webhook, body }).body).toContain(message);
  });

  it('refuses a body on a GET', () => {
    expect(problems({ ...webhook, method: 'GET', body: '{}' })).toEqual({
      body: 'A GET request has no body: choose POST, or remove the body',
    });
  });

  it('refuses invalid header names, headers the client sets and values on two lines', () => {
    expect(
      problems({
        ...webhook,
        headers: { 'X Team': 'a', 'Content-Length': '5', 'X-Sig': 'a\r\nX-Admin: 1', Authorization: 'Bearer ok' },
      }),
    ).toEqual({
      'headers.X Team': '"X Team" is not a valid header name: use letters, digits and - only',
      'headers.Content-Length': 'The server sets Content-Length itself',
      'headers.X-Sig': 'The value of X-Sig must be on one line',
    });
  });

  it('keeps a preset a GET without a body', () => {
    expect(problems({ ...keitaro, method: 'POST', body: '{}' })).toEqual({
      method: 'A keitaro postback is a GET request',
      body: 'A keitaro postback has no body',
    });
  });
});

describe('stored shapes', () => {
  it('a destination has an id', () => {
    expect(destinationSchema.safeParse(keitaro).success).toBe(false);
    expect(destinationSchema.safeParse({ ...keitaro, id: 'd1' }).success).toBe(true);
  });

  it('a delivery says where an event went', () => {
    const delivery = {
      destinationId: 'd1',
      destination: 'Keitaro',
      state: 'failed',
      attempts: 3,
      lastAttemptAt: '2026-12-05T08:00:00.000Z',
      lastError: 'HTTP 403',
    };
    expect(deliverySchema.parse(delivery)).toEqual(delivery);
    expect(deliverySchema.safeParse({ ...delivery, state: 'lost' }).success).toBe(false);
    expect(deliverySchema.safeParse({ ...delivery, attempts: 1.5 }).success).toBe(false);
  });
});
