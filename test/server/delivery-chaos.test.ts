/**
 * The server's chaos run (issue 16, item 4): events from several operators through the server to three destinations
 * whose trackers fail 30% of requests (5xx, 429 with Retry-After, no answer, a reset after counting), with two server
 * restarts and, on PostgreSQL, two server processes sharing the queue. Every delivery must be counted once by each
 * tracker that takes its type, and by no other: Binom has no dedup id, so it also proves nothing was sent twice.
 * `npm test` runs a short one; `npm run test:chaos:server` the full 500 events (CHAOS_SERVER_EVENTS).
 */
import { describe, expect, it, vi } from 'vitest';
import type { TrackerEventInput } from '../../lib/schemas/api';
import type { RunningServer } from '../../server/app';
import { startFakeBinom, startFakeChatterfy, startFakeKeitaro } from '../support/fake-trackers';
import type { FakeTracker } from '../support/fake-trackers';
import type { Fault } from '../support/fake-trackers/fake-tracker';
import { ADMIN, ENGINES, MANAGER, call, freshStorage, postEvent, signIn } from './api/support';
import { FAST_DELIVERIES, addDestination, startDeliveringServer } from './deliveries/support';
import { closeAfterTest } from './fake-trackers/with-destination';

const EVENTS = Number(process.env.CHAOS_SERVER_EVENTS ?? 60);
const FAULT_RATE = 0.3;
/** Per contact: a registration, a first deposit and three redeposits. */
const TYPES_PER_CONTACT = ['registration', 'deposit', 'redeposit', 'redeposit', 'redeposit'] as const;
/** Every fifth lead gets its click id only after all its events are in: they wait `held`, then go. */
const LATE_LINK_EVERY = 5;
const POSTS_AT_ONCE = 10;
/**
 * The trackers run in this test's process, beside the server: a loaded machine (and SQLite's synchronous commits) can
 * delay a genuine answer by seconds. A genuine answer taken for a lost one would make Binom count a retry twice, which is
 * a timeout's nature, not a double send by the queue; so only the held requests may time out here.
 */
const CHAOS_DELIVERIES = { timeoutMs: 8_000, leaseMs: 30_000 };

const COUNTED_FAULTS: Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfterSeconds: 1 },
  { kind: 'hold' },
];
/** A tracker that deduplicates may also count a postback and lose the answer; Binom would count its retry twice. */
const DEDUP_FAULTS: Fault[] = [...COUNTED_FAULTS, { kind: 'reset-after-counting' }];

/** A seeded generator: a failing run can be repeated with the same faults. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

interface Lead {
  externalId: string;
  clickId: string;
  late: boolean;
}

function plan(count: number): { leads: Lead[]; events: TrackerEventInput[] } {
  const leads = Array.from({ length: Math.ceil(count / TYPES_PER_CONTACT.length) }, (_, index) => ({
    externalId: `chaos-${index}`,
    clickId: `clk_chaos_${index}`,
    late: index % LATE_LINK_EVERY === 0,
  }));
  const events: TrackerEventInput[] = [];
  // Round by round, so every lead's deposit is stored before its redeposits and the posts mix leads and types.
  for (const [round, type] of TYPES_PER_CONTACT.entries()) {
    for (const lead of leads) {
      if (events.length >= count) break;
      const contact = { channel: 'telegram' as const, externalId: lead.externalId };
      const money = type === 'registration' ? {} : { amount: `${round * 10 + 5}.25`, currency: 'USD' };
      events.push({ id: crypto.randomUUID(), type, contact, occurredAt: '2026-12-05T08:00:00.000Z', ...money });
    }
  }
  return { leads, events };
}

describe.each(ENGINES)('the delivery chaos run on %s', { timeout: 600_000 }, (engine) => {
  it(`delivers ${EVENTS} events to three flaky trackers across two restarts${engine === 'postgres' ? ' and two processes' : ''}: each counted once, none lost, none misrouted`, async () => {
    const random = seeded(engine === 'postgres' ? 16 : 61);
    const keitaro = await startFakeKeitaro();
    const chatterfy = await startFakeChatterfy();
    const binom = await startFakeBinom();
    const trackers: FakeTracker[] = [keitaro, chatterfy, binom];
    trackers.forEach(closeAfterTest);
    keitaro.faultAtRandom(FAULT_RATE, DEDUP_FAULTS, random);
    chatterfy.faultAtRandom(FAULT_RATE, DEDUP_FAULTS, random);
    binom.faultAtRandom(FAULT_RATE, COUNTED_FAULTS, random);

    const storage = await freshStorage(engine);
    const start = () =>
      startDeliveringServer(engine, { ...storage, deliveries: { ...FAST_DELIVERIES, ...CHAOS_DELIVERIES } });
    const processes: RunningServer[] = [await start()];
    const admin = await signIn(processes[0] as RunningServer, ADMIN);
    await addDestination(processes[0] as RunningServer, admin.accessToken, 'keitaro', keitaro.postbackUrl, {
      name: 'Keitaro',
    });
    await addDestination(processes[0] as RunningServer, admin.accessToken, 'chatterfy', chatterfy.postbackUrl, {
      name: 'Chatterfy',
      events: ['deposit', 'redeposit'],
    });
    await addDestination(processes[0] as RunningServer, admin.accessToken, 'binom', binom.postbackUrl, {
      name: 'Binom',
      events: ['registration', 'deposit'],
    });
    const third = { email: 'third@tracker.test', password: 'third-password', name: 'Third', role: 'manager' };
    expect(
      (await call(processes[0] as RunningServer, '/api/v1/admin/operators', { json: third, token: admin.accessToken }))
        .status,
    ).toBe(201);
    if (engine === 'postgres') processes.push(await start());
    const operators = await Promise.all(
      [MANAGER, { email: 'second@tracker.test', password: 'second-password' }, third].map((who) =>
        signIn(processes[0] as RunningServer, who),
      ),
    );

    const { leads, events } = plan(EVENTS);
    const link = (server: RunningServer, lead: Lead) =>
      call(server, `/api/v1/contacts/telegram/${lead.externalId}/tracker-data`, {
        method: 'PUT',
        json: { clickId: lead.clickId },
        token: operators[0]?.accessToken,
      });
    for (const lead of leads.filter((each) => !each.late))
      expect((await link(processes[0] as RunningServer, lead)).status).toBe(200);

    const began = Date.now();
    const thirds = [
      events.slice(0, Math.floor(events.length / 3)),
      events.slice(Math.floor(events.length / 3), Math.floor((2 * events.length) / 3)),
      events.slice(Math.floor((2 * events.length) / 3)),
    ];
    for (const [batch, part] of thirds.entries()) {
      if (batch > 0) {
        // A restart: the oldest process stops (finishing what it has in flight) and a new one starts on the same database.
        const stopping = processes.shift() as RunningServer;
        await stopping.close();
        processes.push(await start());
      }
      for (let at = 0; at < part.length; at += POSTS_AT_ONCE) {
        const answers = await Promise.all(
          part.slice(at, at + POSTS_AT_ONCE).map((event, index) => {
            const server = processes[index % processes.length] as RunningServer;
            return postEvent(server, operators[index % operators.length]?.accessToken ?? '', event);
          }),
        );
        expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
      }
    }
    for (const lead of leads.filter((each) => each.late))
      expect((await link(processes[0] as RunningServer, lead)).status).toBe(200);

    const { db } = (processes[0] as RunningServer).context;
    await vi.waitFor(
      async () => {
        const open = await db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('state', '<>', 'delivered')
          .executeTakeFirstOrThrow();
        expect(Number(open.count)).toBe(0);
      },
      { timeout: 300_000, interval: 200 },
    );
    const drainedMs = Date.now() - began;

    const idsOf = (types: readonly string[]) =>
      events
        .filter((event) => types.includes(event.type))
        .map((event) => event.id)
        .sort();
    expect(keitaro.conversions.map((each) => each.eventId).sort()).toEqual(
      idsOf(['registration', 'deposit', 'redeposit']),
    );
    expect(chatterfy.conversions.map((each) => each.eventId).sort()).toEqual(idsOf(['deposit', 'redeposit']));
    // Binom: no event id to dedup on, so exactly one request counted per registration and deposit means no double send.
    expect(binom.conversions.length).toBe(idsOf(['registration', 'deposit']).length);
    const binomByLead = new Map<string, string[]>();
    for (const conversion of binom.conversions)
      binomByLead.set(conversion.clickId, [...(binomByLead.get(conversion.clickId) ?? []), conversion.status ?? '']);
    for (const lead of leads) {
      const expected = events
        .filter((event) => event.contact.externalId === lead.externalId && event.type !== 'redeposit')
        .map((event) => event.type)
        .sort();
      expect([lead.clickId, (binomByLead.get(lead.clickId) ?? []).sort()]).toEqual([lead.clickId, expected]);
    }
    const faults = trackers.map((tracker) => tracker.faultsServed());
    const requests = trackers.map((tracker) => tracker.requests.length);
    expect(faults.every((count) => count > 0)).toBe(true);
    console.info(
      `server delivery chaos on ${engine}: ${events.length} events, ${idsOf(['registration', 'deposit', 'redeposit']).length + idsOf(['deposit', 'redeposit']).length + idsOf(['registration', 'deposit']).length} deliveries, ` +
        `requests keitaro/chatterfy/binom ${requests.join('/')}, faults ${faults.join('/')}, drained in ${(drainedMs / 1000).toFixed(1)} s`,
    );
  });
});
