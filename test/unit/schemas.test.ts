import { describe, expect, it } from 'vitest';
import {
  contactLookupResponseSchema,
  eventFormSchemaIn,
  failedDeliveriesResponseSchema,
  fieldErrors,
  settingsSchema,
  trackerEventInputSchema,
} from '../../lib/schemas';

const contact = { channel: 'telegram', externalId: '777001' } as const;
const base = { id: '3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13', contact, occurredAt: '2026-11-25T09:30:00.000Z' };

function problems(input: unknown): Partial<Record<string, string>> {
  const result = trackerEventInputSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('the event the extension posts', () => {
  it('accepts a deposit with a canonical amount and a known currency', () => {
    expect(problems({ ...base, type: 'deposit', amount: '150', currency: 'USD' })).toEqual({});
    expect(problems({ ...base, type: 'redeposit', amount: '0.00000001', currency: 'BTC' })).toEqual({});
  });

  it('refuses what the contract forbids, naming the field', () => {
    expect(problems({ ...base, type: 'deposit', currency: 'USD' })).toEqual({ amount: 'Enter an amount' });
    expect(problems({ ...base, type: 'deposit', amount: '1.5', currency: 'JPY' })).toEqual({
      amount: 'Too many decimals for JPY',
    });
    expect(problems({ ...base, type: 'deposit', amount: '10', currency: 'XYZ' }).currency).toMatch(/Unknown currency/);
    expect(problems({ ...base, type: 'deposit', amount: '1234567890123', currency: 'USD' }).amount).toMatch(
      /12 digits/,
    );
    expect(problems({ ...base, type: 'registration', amount: '10', currency: 'USD' })).toEqual({
      amount: 'A registration has no amount',
      currency: 'A registration has no currency',
    });
    expect(problems({ ...base, id: 'not-a-uuid', type: 'registration' }).id).toMatch(/UUID/);
    expect(problems({ ...base, type: 'registration', note: 'x'.repeat(501) }).note).toMatch(/500/);
  });

  it('refuses a name read off the page that is too long in the words zod’s English locale used, which zod/mini does not load', () => {
    const named = (displayName: string, username: string) => ({
      ...base,
      type: 'registration',
      contact: { ...contact, displayName, username },
    });
    expect(problems(named('n'.repeat(257), 'u'.repeat(65)))).toEqual({
      contact: 'Too big: expected string to have <=256 characters',
    });
    const result = trackerEventInputSchema.safeParse(named('n', 'u'.repeat(65)));
    expect(result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['contact.username', 'Too big: expected string to have <=64 characters'],
    ]);
  });
});

describe('the Send event form', () => {
  it('turns what the manager typed into the contract fields', () => {
    const parsed = eventFormSchemaIn('ru').parse({
      type: 'deposit',
      amount: ' 1 234,50 ',
      currency: 'rub',
      note: '  first  ',
    });
    expect(parsed).toEqual({ type: 'deposit', amount: '1234.5', currency: 'RUB', note: 'first' });
    expect(eventFormSchemaIn('en').parse({ type: 'deposit', amount: '12,500', currency: 'usdt', note: '' })).toEqual({
      type: 'deposit',
      amount: '12500',
      currency: 'USDT',
    });
    expect(eventFormSchemaIn('en').parse({ type: 'registration', amount: '99', currency: 'USD', note: '' })).toEqual({
      type: 'registration',
    });
  });

  it('puts each problem at its field', () => {
    const result = eventFormSchemaIn('en').safeParse({ type: 'deposit', amount: '0', currency: 'USD', note: '' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)).toEqual({ amount: 'The amount must be greater than zero' });
  });
});

describe('settings', () => {
  it('accepts https anywhere and http only on loopback, without a trailing slash', () => {
    expect(settingsSchema.parse({ apiUrl: 'https://tracker.example.com/', defaultCurrency: 'EUR' }).apiUrl).toBe(
      'https://tracker.example.com',
    );
    expect(settingsSchema.safeParse({ apiUrl: 'http://127.0.0.1:8787', defaultCurrency: 'USD' }).success).toBe(true);
    expect(settingsSchema.safeParse({ apiUrl: 'http://tracker.example.com', defaultCurrency: 'USD' }).success).toBe(
      false,
    );
    expect(settingsSchema.safeParse({ apiUrl: 'tracker', defaultCurrency: 'USD' }).success).toBe(false);
  });
});

describe('where an event went (deliveries, a v1 addition)', () => {
  const stored = {
    ...base,
    type: 'registration',
    status: 'accepted',
    receivedAt: '2026-11-25T09:30:01.000Z',
    source: 'manual',
  };
  const lookup = (event: object) => ({ contact: { ...contact, trackerData: {} }, events: [event] });
  const keitaro = {
    destinationId: 'dst_1',
    destination: 'Keitaro',
    state: 'delivered',
    attempts: 1,
    lastAttemptAt: '2026-11-25T09:30:02.000Z',
  };

  it('still reads a platform that says nothing of deliveries', () => {
    const parsed = contactLookupResponseSchema.parse(lookup(stored));
    expect(parsed.events[0]?.deliveries).toBeUndefined();
  });

  it('reads each destination’s state, attempts and the tracker’s error', () => {
    const binom = {
      destinationId: 'dst_2',
      destination: 'Binom',
      state: 'failed',
      attempts: 3,
      lastError: '400 Bad Request',
    };
    const parsed = contactLookupResponseSchema.parse(lookup({ ...stored, deliveries: [keitaro, binom] }));
    expect(parsed.events[0]?.deliveries).toEqual([keitaro, binom]);
  });

  it('refuses a delivery in a state the contract does not name, or without its destination', () => {
    expect(
      contactLookupResponseSchema.safeParse(lookup({ ...stored, deliveries: [{ ...keitaro, state: 'lost' }] })).success,
    ).toBe(false);
    expect(
      contactLookupResponseSchema.safeParse(lookup({ ...stored, deliveries: [{ ...keitaro, destinationId: '' }] }))
        .success,
    ).toBe(false);
  });

  it('reads the failed deliveries list, at most 50 events', () => {
    const failed = { ...stored, deliveries: [{ ...keitaro, state: 'failed', lastError: 'bad token' }] };
    expect(failedDeliveriesResponseSchema.parse({ events: [failed] }).events).toHaveLength(1);
    expect(failedDeliveriesResponseSchema.safeParse({ events: Array.from({ length: 51 }, () => failed) }).success).toBe(
      false,
    );
  });
});
