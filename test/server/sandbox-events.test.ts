import { describe, expect, it } from 'vitest';
import { contactLookupResponseSchema, errorBodySchema, eventResponseSchema } from '../../lib/schemas/api';
import { ANNA, BORIS, CLARA, call, newEvent, postEvent, signIn, startTestSandbox } from './sandbox-helpers';

const errorCode = (body: unknown) => errorBodySchema.parse(body).error.code;

async function signedInSandbox() {
  const sandbox = await startTestSandbox();
  const { accessToken } = await signIn(sandbox);
  return { sandbox, token: accessToken };
}

describe('sandbox contact lookup', () => {
  it('answers a known contact with its tracker data and history, and contact_not_found for Clara', async () => {
    const { sandbox, token } = await signedInSandbox();
    const anna = await call(sandbox, '/api/v1/contacts/telegram/777001', { token });
    expect(anna.status).toBe(200);
    const { contact, events } = contactLookupResponseSchema.parse(anna.body);
    expect(contact).toEqual({
      ...ANNA,
      trackerData: { clickId: 'clk_7f3a9c', subId: 'sub_42', source: 'facebook', campaign: 'spring_promo' },
    });
    expect(events.map((event) => [event.type, event.source, event.stepName])).toEqual([
      ['registration', 'flow', 'Send Tracker Event'],
    ]);

    const group = await call(sandbox, `/api/v1/contacts/telegram/${encodeURIComponent('-1001234567890')}`, { token });
    expect(contactLookupResponseSchema.parse(group.body).contact.trackerData).toEqual({ source: 'telegram_ads' });

    const clara = await call(sandbox, '/api/v1/contacts/telegram/777003', { token });
    expect(clara.status).toBe(404);
    expect(errorCode(clara.body)).toBe('contact_not_found');
  });

  it('lists at most 50 events, newest first', async () => {
    const { sandbox, token } = await signedInSandbox();
    for (let minute = 0; minute < 51; minute += 1) {
      const occurredAt = new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString();
      expect((await postEvent(sandbox, token, newEvent({ occurredAt }))).status).toBe(201);
    }
    const { events } = contactLookupResponseSchema.parse(
      (await call(sandbox, '/api/v1/contacts/telegram/777003', { token })).body,
    );
    expect(events).toHaveLength(50);
    expect(events[0]?.occurredAt).toBe('2026-11-25T10:50:00.000Z');
    expect(events.at(-1)?.occurredAt).toBe('2026-11-25T10:01:00.000Z');
  });

  it('refuses a channel the contract does not know', async () => {
    const { sandbox, token } = await signedInSandbox();
    const answer = await call(sandbox, '/api/v1/contacts/icq/12345', { token });
    expect(answer.status).toBe(422);
    expect(errorBodySchema.parse(answer.body).error.fields).toEqual({
      channel: 'Invalid option: expected one of "telegram"|"whatsapp"|"web"',
    });
  });
});

describe('sandbox events', () => {
  it('stores a new event once: 201, then 200 for the same body however its keys are ordered', async () => {
    const { sandbox, token } = await signedInSandbox();
    const event = newEvent({ type: 'deposit', contact: ANNA, amount: '150.5', currency: 'USD', note: 'first payment' });
    const created = await postEvent(sandbox, token, event);
    expect(created.status).toBe(201);
    const stored = eventResponseSchema.parse(created.body).event;
    expect(stored).toMatchObject({ ...event, status: 'accepted', source: 'manual', operatorId: 'op_demo' });
    expect(Date.now() - Date.parse(stored.receivedAt)).toBeLessThan(5_000);

    const reordered = Object.fromEntries(Object.entries(event).reverse());
    const retried = await postEvent(sandbox, token, reordered);
    expect(retried.status).toBe(200);
    expect(eventResponseSchema.parse(retried.body).event).toEqual(stored);
    expect(sandbox.storedEvents().filter((each) => each.id === event.id)).toHaveLength(1);

    const { events } = contactLookupResponseSchema.parse(
      (await call(sandbox, '/api/v1/contacts/telegram/777001', { token })).body,
    );
    expect(events[0]).toEqual(stored);
  });

  it('answers idempotency_conflict for the same id with a different body', async () => {
    const { sandbox, token } = await signedInSandbox();
    const event = newEvent();
    expect((await postEvent(sandbox, token, event)).status).toBe(201);
    const changed = await postEvent(sandbox, token, { ...event, note: 'edited' });
    expect(changed.status).toBe(409);
    expect(errorCode(changed.body)).toBe('idempotency_conflict');
  });

  it('answers deposit_exists for a second first deposit, and takes it as a redeposit', async () => {
    const { sandbox, token } = await signedInSandbox();
    const deposit = newEvent({ type: 'deposit', contact: BORIS, amount: '50', currency: 'USD' });
    const refused = await postEvent(sandbox, token, deposit);
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('deposit_exists');
    const redeposit = { ...deposit, id: newEvent().id, type: 'redeposit' as const };
    expect((await postEvent(sandbox, token, redeposit)).status).toBe(201);
  });

  it('names the field that breaks a rule: 1.234 JPY has too many decimals', async () => {
    const { sandbox, token } = await signedInSandbox();
    const answer = await postEvent(sandbox, token, newEvent({ type: 'deposit', amount: '1.234', currency: 'JPY' }));
    expect(answer.status).toBe(422);
    const { error } = errorBodySchema.parse(answer.body);
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.amount).toMatch(/JPY/);
    const nested = await postEvent(sandbox, token, newEvent({ contact: { channel: 'telegram', externalId: '' } }));
    expect(errorBodySchema.parse(nested.body).error.fields).toHaveProperty(['contact.externalId']);
  });

  it('requires an Idempotency-Key equal to the event id', async () => {
    const { sandbox, token } = await signedInSandbox();
    const event = newEvent();
    for (const key of ['', newEvent().id]) {
      const answer = await postEvent(sandbox, token, event, key);
      expect(answer.status).toBe(422);
      expect(errorCode(answer.body)).toBe('validation_failed');
    }
    expect(sandbox.storedEvents().some((each) => each.id === event.id)).toBe(false);
  });

  it('creates an unknown contact from its first event', async () => {
    const { sandbox, token } = await signedInSandbox();
    expect((await postEvent(sandbox, token, newEvent({ contact: CLARA }))).status).toBe(201);
    const lookup = await call(sandbox, '/api/v1/contacts/telegram/777003', { token });
    expect(lookup.status).toBe(200);
    expect(contactLookupResponseSchema.parse(lookup.body).contact).toEqual({ ...CLARA, trackerData: {} });
  });

  it('answers 401 without a token, 422 for a body that is not JSON and 404 not_found for an unknown route', async () => {
    const { sandbox, token } = await signedInSandbox();
    const anonymous = await postEvent(sandbox, '', newEvent());
    expect([anonymous.status, errorCode(anonymous.body)]).toEqual([401, 'unauthorized']);
    const garbled = await call(sandbox, '/api/v1/events', { rawBody: '{"id": ', token });
    expect([garbled.status, errorCode(garbled.body)]).toEqual([422, 'validation_failed']);
    const unknown = await call(sandbox, '/api/v1/nothing-here', { token });
    expect([unknown.status, errorCode(unknown.body)]).toEqual([404, 'not_found']);
  });
});
