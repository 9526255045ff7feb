import { describe, expect, it } from 'vitest';
import type { EventType } from '../../../lib/schemas';
import type { DestinationKind } from '../../../lib/schemas/destination';
import { postbackRequest, presets } from '../../../server/destinations';
import { depositFacts, destinationAt, registrationFacts } from '../../support/postback-events';

/** What each tracker receives for each event type, exactly as server.md's table (and each tracker's docs) say. */

const EVENT_ID = '0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11';

const URLS: Record<DestinationKind, string> = {
  keitaro: 'https://tracker.team.example/a7f3c91e/postback',
  binom: 'https://binom.team.example/click.php',
  voluum: 'https://track.team.example/postback',
  redtrack: 'https://rt.team.example/postback',
  chatterfy: 'https://api.chatterfy.ai/api/postbacks/48d0524a-3abb-4cd5-82b8-404fa1cb4f7e/tracker-postback',
  webhook:
    'https://hooks.team.example/in?click={click_id}&status={status}&amount={amount}&currency={currency}&id={event_id}',
};

const EXPECTED_QUERY: Record<DestinationKind, Record<EventType, string>> = {
  keitaro: {
    registration: `subid=c1ick-42&status=lead&tid=${EVENT_ID}`,
    deposit: `subid=c1ick-42&status=sale&payout=150&currency=usd&tid=${EVENT_ID}`,
    redeposit: `subid=c1ick-42&status=rebill&payout=150&currency=usd&tid=${EVENT_ID}`,
  },
  binom: {
    registration: 'cnv_id=c1ick-42&cnv_status=registration',
    deposit: 'cnv_id=c1ick-42&payout=150&cnv_status=deposit&cnv_currency=USD',
    redeposit: 'cnv_id=c1ick-42&payout=150&cnv_status=redeposit&cnv_currency=USD',
  },
  voluum: {
    registration: `cid=c1ick-42&txid=${EVENT_ID}&et=registration`,
    deposit: `cid=c1ick-42&payout=150&txid=${EVENT_ID}&currency=USD&et=deposit`,
    redeposit: `cid=c1ick-42&payout=150&txid=${EVENT_ID}&currency=USD&et=redeposit`,
  },
  redtrack: {
    registration: `clickid=c1ick-42&type=Registration&rdtk_event_id=${EVENT_ID}`,
    deposit: `clickid=c1ick-42&sum=150&type=Deposit&rdtk_event_id=${EVENT_ID}`,
    redeposit: `clickid=c1ick-42&sum=150&type=Redeposit&rdtk_event_id=${EVENT_ID}`,
  },
  chatterfy: {
    registration: `tracker.event=registration&clickid=c1ick-42&tracker.tid=${EVENT_ID}`,
    deposit: `tracker.event=sale&clickid=c1ick-42&tracker.cost=150&tracker.currency=usd&tracker.tid=${EVENT_ID}`,
    redeposit: `tracker.event=resale&clickid=c1ick-42&tracker.cost=150&tracker.currency=usd&tracker.tid=${EVENT_ID}`,
  },
  webhook: {
    registration: `click=c1ick-42&status=registration&id=${EVENT_ID}`,
    deposit: `click=c1ick-42&status=deposit&amount=150&currency=USD&id=${EVENT_ID}`,
    redeposit: `click=c1ick-42&status=redeposit&amount=150&currency=USD&id=${EVENT_ID}`,
  },
};

const factsOf = (type: EventType) =>
  type === 'registration' ? registrationFacts() : depositFacts({ eventType: type });

const KINDS = Object.keys(URLS) as DestinationKind[];
const CASES = KINDS.flatMap((kind) =>
  (['registration', 'deposit', 'redeposit'] as const).map((type) => [kind, type] as const),
);

describe('each preset tells its tracker about each event type', () => {
  it.each(CASES)('%s, %s', (kind, type) => {
    const request = postbackRequest(destinationAt(kind, URLS[kind]), factsOf(type));
    const [address] = URLS[kind].split('?');
    expect(request).toEqual({ method: 'GET', url: `${address}?${EXPECTED_QUERY[kind][type]}`, headers: {} });
  });

  it.each(KINDS.filter((kind) => kind !== 'webhook'))('%s cites its tracker’s own documentation', (kind) => {
    expect(presets[kind].documentation.length).toBeGreaterThan(0);
    for (const page of presets[kind].documentation) expect(page).toMatch(/^https:\/\//);
  });
});

describe('a registration carries no money', () => {
  it.each(KINDS)('%s: no amount or currency even when the facts hold them', (kind) => {
    const request = postbackRequest(destinationAt(kind, URLS[kind]), depositFacts({ eventType: 'registration' }));
    expect(new URL(request.url).search).not.toMatch(/150|usd/i);
  });
});

describe('the status map is the admin’s', () => {
  it('sends the statuses the admin set instead of the defaults', () => {
    const keitaro = destinationAt('keitaro', URLS.keitaro, {
      statusMap: { registration: 'reg', deposit: 'ftd', redeposit: 'dep 2' },
    });
    expect(new URL(postbackRequest(keitaro, registrationFacts()).url).searchParams.get('status')).toBe('reg');
    expect(new URL(postbackRequest(keitaro, depositFacts()).url).searchParams.get('status')).toBe('ftd');
    expect(postbackRequest(keitaro, depositFacts({ eventType: 'redeposit' })).url).toContain('status=dep%202');
  });

  it('keeps other parameters the tracker’s link already had, and replaces its own', () => {
    const keitaro = destinationAt('keitaro', `${URLS.keitaro}?return=OK&status=old`);
    const url = new URL(postbackRequest(keitaro, depositFacts()).url);
    expect(url.searchParams.get('return')).toBe('OK');
    expect(url.searchParams.getAll('status')).toEqual(['sale']);
  });

  it('sends every attempt of an event with the same event id', () => {
    const chatterfy = destinationAt('chatterfy', URLS.chatterfy);
    expect(postbackRequest(chatterfy, depositFacts())).toEqual(postbackRequest(chatterfy, depositFacts()));
  });
});
