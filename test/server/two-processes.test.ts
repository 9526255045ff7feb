/**
 * Two server processes on one PostgreSQL database (issue 15, item 3): what a team gets when it runs the server on two
 * machines behind one address. Events posted alternately to both, first posts of one id sent to both at once, and
 * retries sent to both, must each be stored once; two first deposits of one contact sent to the two processes at once
 * must still leave that contact with one deposit.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TrackerEvent, TrackerEventInput } from '../../lib/schemas/api';
import { createDatabase } from '../support/postgres-cluster';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const CONTACTS = 200;
const EVENTS_PER_CONTACT = 10;
const IN_FLIGHT = 16;
const DEPOSIT_RACES = 20;
// The timeouts below are for a machine shared with other work: on a quiet 2-core machine the whole file takes well
// under a minute, but two server processes, PostgreSQL and a busy neighbour can make it several times slower.

interface Answer {
  status: number;
  body: { event?: TrackerEvent; error?: { code: string } };
}

let databaseUrl: string;
let servers: ServerProcess[] = [];
let token: string;

async function call(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const post = (server: ServerProcess, event: TrackerEventInput) =>
  call(server, 'POST', '/api/v1/events', event, { 'idempotency-key': event.id });

/** Runs `work` over `items` with at most IN_FLIGHT at once: the two processes see concurrent requests, as in a team. */
async function inFlight<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return results;
}

function eventFor(externalId: string, type: TrackerEventInput['type']): TrackerEventInput {
  return {
    id: randomUUID(),
    type,
    contact: { channel: 'telegram', externalId },
    occurredAt: new Date().toISOString(),
    ...(type === 'registration' ? {} : { amount: '25.5', currency: 'EUR' }),
  };
}

async function signIn(server: ServerProcess, email: string, password: string): Promise<string> {
  const answer = await call(server, 'POST', '/api/v1/auth/login', { email, password });
  expect(answer.status).toBe(200);
  return (answer.body as unknown as { accessToken: string }).accessToken;
}

beforeAll(async () => {
  // A fresh database on the server project's cluster (test/support/postgres-global-setup.ts).
  databaseUrl = await createDatabase(inject('postgresUrl'));
  const admin = { email: 'admin@tracker.test', password: randomUUID() };
  // Started at the same time, as a deployment would: migrations and the first admin must not race.
  servers = await Promise.all([
    startServerProcess({ DATABASE_URL: databaseUrl }, admin),
    startServerProcess({ DATABASE_URL: databaseUrl }, admin),
  ]);
  const adminToken = await signIn(servers[0]!, admin.email, admin.password);
  const created = await call(
    servers[1]!,
    'POST',
    '/api/v1/admin/operators',
    { email: 'manager@tracker.test', name: 'Manager', password: 'a long manager password', role: 'manager' },
    { authorization: `Bearer ${adminToken}` },
  );
  expect(created.status).toBe(201);
  token = await signIn(servers[1]!, 'manager@tracker.test', 'a long manager password');
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe('two server processes on one PostgreSQL database', () => {
  it('store each of 2,000 events once, whichever process got it and however often it was retried', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const contacts = Array.from({ length: CONTACTS }, (_, index) => `two-processes-${index}`);
    const events = contacts.flatMap((externalId) =>
      Array.from({ length: EVENTS_PER_CONTACT }, (_, index) =>
        eventFor(externalId, index === 0 ? 'registration' : index === 1 ? 'deposit' : 'redeposit'),
      ),
    );

    // Every 10th event's first post goes to both processes at once; the others alternate between them.
    const firsts = await inFlight(events, async (event, index) => {
      if (index % 10 === 3) return Promise.all([post(a, event), post(b, event)]);
      return [await post(index % 2 === 0 ? a : b, event)];
    });
    const stored = new Map<string, TrackerEvent>();
    firsts.forEach((answers, index) => {
      const event = events[index]!;
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, `first post(s) of event ${index}`).toEqual(answers.length === 2 ? [200, 201] : [201]);
      const [first, second] = answers.map((answer) => answer.body.event);
      expect(first?.id).toBe(event.id);
      if (second) expect(second).toEqual(first);
      stored.set(event.id, first!);
    });

    // Every 5th event is retried on both processes at once: each answers 200 with the event as first stored.
    const retried = events.filter((_, index) => index % 5 === 0);
    const retries = await inFlight(retried, (event) => Promise.all([post(a, event), post(b, event)]));
    retries.forEach((answers, index) => {
      const event = retried[index]!;
      for (const answer of answers) {
        expect(answer.status, `retry of ${event.id}`).toBe(200);
        expect(answer.body.event).toEqual(stored.get(event.id));
      }
    });

    // Each contact, asked of either process, lists each of its events once.
    const lookups = await inFlight(contacts, (externalId, index) =>
      call(index % 2 === 0 ? a : b, 'GET', `/api/v1/contacts/telegram/${externalId}`),
    );
    lookups.forEach((answer, index) => {
      expect(answer.status).toBe(200);
      const listed = (answer.body as unknown as { events: TrackerEvent[] }).events.map((event) => event.id).sort();
      const expected = events
        .filter((event) => event.contact.externalId === contacts[index])
        .map((event) => event.id)
        .sort();
      expect(listed).toEqual(expected);
    });

    // And the database holds each once.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ total: number; distinct_ids: number }>(
        'SELECT count(*)::int AS total, count(DISTINCT id)::int AS distinct_ids FROM events',
      );
      expect(rows[0]).toEqual({ total: events.length, distinct_ids: events.length });
    } finally {
      await client.end();
    }
  }, 240_000);

  it('keep one first deposit per contact when two arrive at once, one at each process', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const contacts = Array.from({ length: DEPOSIT_RACES }, (_, index) => `deposit-race-${index}`);
    const races = await inFlight(contacts, (externalId) =>
      Promise.all([post(a, eventFor(externalId, 'deposit')), post(b, eventFor(externalId, 'deposit'))]),
    );
    races.forEach((answers, index) => {
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, `the two first deposits of ${contacts[index]}`).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body.error?.code).toBe('deposit_exists');
    });
    const lookups = await Promise.all(
      contacts.map((externalId) => call(a, 'GET', `/api/v1/contacts/telegram/${externalId}`)),
    );
    for (const answer of lookups) {
      const deposits = (answer.body as unknown as { events: TrackerEvent[] }).events.filter(
        (event) => event.type === 'deposit',
      );
      expect(deposits).toHaveLength(1);
    }
  }, 60_000);
});
