import { describe, expect, it } from 'vitest';
import {
  MASK,
  maskDestination,
  maskPostbackRequest,
  maskUrl,
  postbackRequest,
  restoreMaskedSecrets,
} from '../../../server/destinations';
import { depositFacts, destinationAt } from '../../support/postback-events';

/** What an admin's answers and the logs show of a destination: never its key, always what was sent about the event. */

const KEITARO_KEY = 'e89bcbe';
const CHATTERFY_ID = '48d0524a-3abb-4cd5-82b8-404fa1cb4f7e';
const keitaro = destinationAt('keitaro', `https://tracker.team.example/${KEITARO_KEY}/postback`);
const chatterfy = destinationAt('chatterfy', `https://api.chatterfy.ai/api/postbacks/${CHATTERFY_ID}/tracker-postback`);
const webhook = destinationAt(
  'webhook',
  'https://hooks.team.example/in/T01AB2CD3/{contact_id}?api_key=sk_live_51Hx&click={click_id}&team=north',
  {
    method: 'POST',
    headers: { Authorization: 'Bearer 7c1e9a55b2', 'Content-Type': 'application/json' },
    body: '{"token": "tok_9f8e7d6c", "click": "{click_id}", "signature": "{event_id}", "team": "north"}',
  },
);

describe('masking a destination for answers', () => {
  it('shows a Keitaro destination without its postback key', () => {
    const masked = maskDestination(keitaro);
    expect(masked.url).toBe(`https://tracker.team.example/${MASK}/postback`);
    expect(JSON.stringify(masked)).not.toContain(KEITARO_KEY);
  });

  it('shows a Chatterfy destination without its postback id', () => {
    expect(maskDestination(chatterfy).url).toBe(`https://api.chatterfy.ai/api/postbacks/${MASK}/tracker-postback`);
  });

  it('masks key-looking path segments, secret-named query values, header values and secret body fields', () => {
    const masked = maskDestination(webhook);
    expect(masked.url).toBe(
      `https://hooks.team.example/in/${MASK}/{contact_id}?api_key=${MASK}&click={click_id}&team=north`,
    );
    expect(masked.headers).toEqual({ Authorization: MASK, 'Content-Type': 'application/json' });
    expect(JSON.parse(masked.body ?? '')).toEqual({
      token: MASK,
      click: '{click_id}',
      signature: '{event_id}',
      team: 'north',
    });
    for (const secret of ['T01AB2CD3', 'sk_live_51Hx', '7c1e9a55b2', 'tok_9f8e7d6c'])
      expect(JSON.stringify(masked)).not.toContain(secret);
  });

  it('keeps what is not a secret as the admin wrote it', () => {
    const masked = maskDestination(webhook);
    expect({ ...masked, url: webhook.url, headers: webhook.headers, body: webhook.body }).toEqual(webhook);
  });
});

describe('masking a sent postback for logs and the admin’s test', () => {
  it('hides the Keitaro key but shows the click id, status, amount and event id that went', () => {
    const request = postbackRequest(keitaro, depositFacts({ clickId: '51ts6sgr1cbkdhljnrv' }));
    expect(maskPostbackRequest(request, keitaro).url).toBe(
      `https://tracker.team.example/${MASK}/postback?subid=51ts6sgr1cbkdhljnrv&status=sale&payout=150&currency=usd&tid=0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11`,
    );
  });

  it('hides the Keitaro key in a URL logged without its destination', () => {
    const request = postbackRequest(keitaro, depositFacts());
    expect(maskUrl(request.url)).not.toContain(KEITARO_KEY);
    expect(maskUrl(`https://api.chatterfy.ai/api/postbacks/${CHATTERFY_ID}/tracker-postback?clickid=x`)).not.toContain(
      CHATTERFY_ID,
    );
  });

  it('keeps a webhook’s event values readable and its secrets hidden', () => {
    const masked = maskPostbackRequest(
      postbackRequest(webhook, depositFacts({ clickId: '51ts6sgr1cbkdhljnrv' })),
      webhook,
    );
    expect(masked.url).toBe(
      `https://hooks.team.example/in/${MASK}/1227280?api_key=${MASK}&click=51ts6sgr1cbkdhljnrv&team=north`,
    );
    expect(masked.headers.Authorization).toBe(MASK);
    expect(JSON.parse(masked.body ?? '')).toMatchObject({ token: MASK, click: '51ts6sgr1cbkdhljnrv', team: 'north' });
  });
});

describe('saving a masked destination back', () => {
  it('keeps the stored secrets where the form still shows the mask', () => {
    const edited = { ...maskDestination(webhook), name: 'Renamed' };
    expect(restoreMaskedSecrets(edited, webhook)).toEqual({
      ...webhook,
      name: 'Renamed',
      body: JSON.stringify(JSON.parse(webhook.body ?? '')),
    });
  });

  it('keeps the Keitaro key when only the tracker’s domain changed', () => {
    const edited = { ...maskDestination(keitaro), url: `https://new-domain.example/${MASK}/postback` };
    expect(restoreMaskedSecrets(edited, keitaro).url).toBe(`https://new-domain.example/${KEITARO_KEY}/postback`);
  });

  it('takes a new key or header value the admin typed', () => {
    const edited = {
      ...maskDestination(webhook),
      url: 'https://hooks.team.example/in/NEW0KEY99/{contact_id}',
      headers: { Authorization: 'Bearer new' },
    };
    const restored = restoreMaskedSecrets(edited, webhook);
    expect(restored.url).toBe('https://hooks.team.example/in/NEW0KEY99/{contact_id}');
    expect(restored.headers).toEqual({ Authorization: 'Bearer new' });
  });
});
