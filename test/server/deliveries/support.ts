import { expect } from 'vitest';
import { destinationResponseSchema } from '../../../lib/schemas/admin-deliveries';
import { contactLookupResponseSchema } from '../../../lib/schemas/api';
import type { ContactRef, TrackerEvent } from '../../../lib/schemas/api';
import type { Delivery } from '../../../lib/schemas/delivery';
import type { DestinationInput } from '../../../lib/schemas/destination';
import type { RunningServer, ServerOptions } from '../../../server/app';
import { destinationAt } from '../../support/postback-events';
import { startFakeKeitaro } from '../../support/fake-trackers';
import { ADMIN, MANAGER, call, signIn, startTestServer } from '../api/support';
import type { Engine } from '../api/support';
import { closeAfterTest } from '../fake-trackers/with-destination';

/** Retries in milliseconds, not minutes, so a test sees several attempts; the rules are the production ones. */
export const FAST_DELIVERIES: NonNullable<ServerOptions['deliveries']> = {
  pollMs: 50,
  // Long enough that a loaded test machine's slow answer is not taken for a lost one (which Binom would count twice).
  timeoutMs: 3_000,
  leaseMs: 10_000,
  backoff: { baseMs: 20, maxMs: 200, retryAfterCapMs: 300 },
};

export function startDeliveringServer(engine: Engine, options: ServerOptions = {}): Promise<RunningServer> {
  return startTestServer(engine, { ...options, deliveries: { ...FAST_DELIVERIES, ...options.deliveries } });
}

/** The common start: a Keitaro taking every event, a delivering server sending to it, and the admin and manager signed in. */
export async function startWithKeitaro(engine: Engine) {
  const keitaro = await startFakeKeitaro();
  closeAfterTest(keitaro);
  const server = await startDeliveringServer(engine);
  const admin = await signIn(server, ADMIN);
  await addDestination(server, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
  const manager = await signIn(server, MANAGER);
  return { keitaro, server, admin, manager };
}

/** Anna has a click id in the demo data; Clara has none until someone links her. */
export const ANNA: ContactRef = {
  channel: 'telegram',
  externalId: '777001',
  displayName: 'Anna Petrova',
  username: 'anna_leads',
};
export const ANNA_CLICK_ID = 'clk_7f3a9c';
export const CLARA: ContactRef = { channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' };

export async function addDestination(
  server: RunningServer,
  adminToken: string,
  kind: DestinationInput['kind'],
  url: string,
  overrides: Partial<DestinationInput> = {},
) {
  const answer = await call(server, '/api/v1/admin/destinations', {
    json: destinationAt(kind, url, overrides),
    token: adminToken,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return destinationResponseSchema.parse(answer.body).destination;
}

export async function eventsOf(server: RunningServer, token: string, contact: ContactRef): Promise<TrackerEvent[]> {
  const answer = await call(server, `/api/v1/contacts/${contact.channel}/${encodeURIComponent(contact.externalId)}`, {
    token,
  });
  return contactLookupResponseSchema.parse(answer.body).events;
}

/** The deliveries of one event as the manager's lookup shows them. */
export async function deliveriesOf(
  server: RunningServer,
  token: string,
  contact: ContactRef,
  eventId: string,
): Promise<Delivery[]> {
  const event = (await eventsOf(server, token, contact)).find((each) => each.id === eventId);
  return event?.deliveries ?? [];
}

export function deposit(
  contact: ContactRef,
  amount = '150',
  currency = 'USD',
  type: 'deposit' | 'redeposit' = 'deposit',
) {
  return { id: crypto.randomUUID(), type, contact, amount, currency, occurredAt: '2026-12-05T08:00:00.000Z' } as const;
}
