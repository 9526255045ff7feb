import { describe, expect, it } from 'vitest';
import { postbackRequest } from '../../../server/destinations';
import { depositFacts, destinationAt, registrationFacts } from '../../support/postback-events';

/** A webhook is the admin's own template: what the receiving endpoint gets. */

const BODY = JSON.stringify({
  event: '{event_type}',
  id: '{event_id}',
  lead: { click: '{click_id}', chat: '{channel}:{contact_id}', user: '@{username}' },
  money: { amount: '{amount}', currency: '{currency_lower}' },
  note: 'Deposit of {amount} {currency} by {operator_email}',
  tags: ['{source}', 'fixed'],
  at: '{occurred_at}',
});

const webhook = destinationAt(
  'webhook',
  'https://hooks.team.example/in/{channel}/{contact_id}?click={click_id}&campaign={campaign}&ref=partner',
  {
    method: 'POST',
    headers: { Authorization: 'Bearer 7c1e9a55', 'X-Team': 'north' },
    body: BODY,
  },
);

describe('a webhook destination', () => {
  it('sends the admin’s method and headers, and says the body is JSON', () => {
    const request = postbackRequest(webhook, depositFacts());
    expect(request.method).toBe('POST');
    expect(request.headers).toEqual({
      Authorization: 'Bearer 7c1e9a55',
      'X-Team': 'north',
      'content-type': 'application/json',
    });
  });

  it('keeps a content type the admin chose', () => {
    const request = postbackRequest(
      { ...webhook, headers: { 'Content-Type': 'application/vnd.team+json' } },
      depositFacts(),
    );
    expect(request.headers).toEqual({ 'Content-Type': 'application/vnd.team+json' });
  });

  it('fills URL macros URL-encoded, in the path and the query', () => {
    const request = postbackRequest(webhook, depositFacts({ contactId: '12 27', clickId: 'a/b?c', campaign: 'Зима' }));
    expect(request.url).toBe(
      'https://hooks.team.example/in/telegram/12%2027?click=a%2Fb%3Fc&campaign=%D0%97%D0%B8%D0%BC%D0%B0&ref=partner',
    );
  });

  it('leaves out a query parameter that is only a macro without a value', () => {
    const request = postbackRequest(webhook, depositFacts({ campaign: undefined }));
    expect(request.url).toBe('https://hooks.team.example/in/telegram/1227280?click=c1ick-42&ref=partner');
  });

  it('fills the body template with every fact of the event', () => {
    const request = postbackRequest(webhook, depositFacts({ source: 'fb' }));
    expect(JSON.parse(request.body ?? '')).toEqual({
      event: 'deposit',
      id: '0b6e5c1e-3f7a-4c1e-9a55-2d4b8f0e6a11',
      lead: { click: 'c1ick-42', chat: 'telegram:1227280', user: '@lead_anna' },
      money: { amount: '150', currency: 'usd' },
      note: 'Deposit of 150 USD by manager@team.example',
      tags: ['fb', 'fixed'],
      at: '2026-12-05T08:00:00.000Z',
    });
  });

  it('leaves amount and currency out of a registration’s body', () => {
    const body = JSON.parse(postbackRequest(webhook, registrationFacts({ source: 'fb' })).body ?? '');
    expect(body.money).toEqual({});
    expect(body.note).toBe('Deposit of   by manager@team.example');
  });

  it('sends a GET without a body when the admin set none', () => {
    const request = postbackRequest(
      destinationAt('webhook', 'https://hooks.team.example/in?c={click_id}'),
      depositFacts(),
    );
    expect(request).toEqual({ method: 'GET', url: 'https://hooks.team.example/in?c=c1ick-42', headers: {} });
  });
});
