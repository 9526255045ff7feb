/**
 * Delivery figures for `npm run bench:server` (issue 16, item 7): a backlog drained at the concurrency limit, and the
 * latency an idle queue adds between an event's 201 and its postback at the tracker. The bench's runner calls
 * `measureDeliveries()` and puts the two figures beside their budgets (20 s and 0 duplicates; p95 100 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '../../../sandbox/demo-data';
import { startServer } from '../../../server/app';
import type { RunningServer, ServerOptions } from '../../../server/app';
import { TEST_SCRYPT_COST } from '../../../server/auth/passwords';
import { defaultStatusMap } from '../../../server/destinations';
import { DEFAULT_CONCURRENCY_PER_DESTINATION } from '../../../server/deliveries/worker';
import { startFakeKeitaro } from '../../support/fake-trackers';
import type { FakeKeitaro } from '../../support/fake-trackers';
import { timeByComponent } from './profile-summary';
import type { CpuProfile } from '../support/profile';
import { serverFigure, type ServerFigure } from './report';

export interface DeliveryFigures {
  backlog: {
    deliveries: number;
    drainMs: number;
    duplicates: number;
    cpuMsPerDelivery: number;
    profileMsPerDelivery?: Array<[string, number]>;
  };
  /** From each 201 to its postback's arrival at the tracker, idle queue, in milliseconds. */
  latencyMs: { median: number; p95: number; max: number; samples: number[] };
}

export interface DeliveryBenchPlan {
  backlog?: number;
  latencySamples?: number;
  /** `postgres://…` for the PostgreSQL figures; default a SQLite file in a temp folder. */
  databaseUrl?: string;
  /** Profiles the drain (this process: the server and the fake tracker) and gives its time by component. */
  profile?: boolean;
}

const ANNA = { channel: 'telegram', externalId: '777001' } as const;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The deliveries did not arrive in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function eventInput(index: number) {
  const type = index === 0 ? ('deposit' as const) : ('redeposit' as const);
  return {
    id: crypto.randomUUID(),
    type,
    contact: ANNA,
    amount: `${index + 1}`,
    currency: 'USD',
    occurredAt: new Date().toISOString(),
  };
}

async function serverOver(
  storage: Pick<ServerOptions, 'databaseUrl' | 'databaseFile'>,
  worker: boolean,
): Promise<RunningServer> {
  return startServer({
    port: 0,
    passwordCost: TEST_SCRYPT_COST,
    seed: seedDemoData,
    ...storage,
    deliveries: { worker },
  });
}

async function addKeitaro(server: RunningServer, tracker: FakeKeitaro): Promise<void> {
  await server.context.destinations.create({
    name: 'Keitaro',
    kind: 'keitaro',
    url: tracker.postbackUrl,
    enabled: true,
    events: ['registration', 'deposit', 'redeposit'],
    statusMap: defaultStatusMap('keitaro'),
  });
}

async function startProfiler(): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile as CpuProfile;
    },
  };
}

/** The drain's time on this thread by component, per delivery (ms), largest first. */
function byComponent(profile: CpuProfile, deliveries: number): Array<[string, number]> {
  return Object.entries(timeByComponent(profile, [[profile.startTime, profile.endTime]]))
    .map(([component, ms]): [string, number] => [component, Math.round((ms / deliveries) * 1000) / 1000])
    .sort((a, b) => b[1] - a[1]);
}

export async function measureDeliveries(plan: DeliveryBenchPlan = {}): Promise<DeliveryFigures> {
  const backlog = plan.backlog ?? 10_000;
  const samples = plan.latencySamples ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'delivery-bench-'));
  const storage = plan.databaseUrl ? { databaseUrl: plan.databaseUrl } : { databaseFile: join(dir, 'tracker.sqlite') };
  const tracker = await startFakeKeitaro();
  try {
    // The backlog: stored while no worker runs (as after an outage), then one server starts and drains it.
    const filling = await serverOver(storage, false);
    await addKeitaro(filling, tracker);
    const receipt = { status: 'accepted' as const, source: 'manual' as const, receivedAt: new Date().toISOString() };
    for (let index = 0; index < backlog; index += 1) await filling.context.tracker.record(eventInput(index), receipt);
    await filling.close();

    const profiler = plan.profile ? await startProfiler() : undefined;
    const cpuBefore = process.cpuUsage();
    const began = Date.now();
    const draining = await serverOver(storage, true);
    await until(() => tracker.conversions.length >= backlog, 600_000);
    const drainMs = Date.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / backlog;
    const profileMsPerDelivery = profiler ? byComponent(await profiler.stop(), backlog) : undefined;
    const duplicates =
      tracker.requests.length - new Set(tracker.requests.map((request) => request.query.get('tid'))).size;

    // Latency on the idle queue: one event at a time, from its 201 to the tracker having it.
    const login = await fetch(`${draining.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@tracker.test', password: 'demo-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const latencies: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      const event = eventInput(backlog + index);
      const answer = await fetch(`${draining.url}/api/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${accessToken}`,
          'idempotency-key': event.id,
        },
        body: JSON.stringify(event),
      });
      if (answer.status !== 201) throw new Error(`The event was answered ${answer.status}`);
      const answeredAt = performance.now();
      await until(() => tracker.conversions.some((conversion) => conversion.eventId === event.id), 10_000);
      latencies.push(performance.now() - answeredAt);
    }
    await draining.close();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      backlog: { deliveries: backlog, drainMs, duplicates, cpuMsPerDelivery, profileMsPerDelivery },
      latencyMs: {
        median: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted.at(-1) ?? 0,
        samples: latencies,
      },
    };
  } finally {
    await tracker.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The delivery figures as the bench's table rows, each beside its budget. */
export function deliveryRows(
  engine: { id: string; name: string },
  figures: DeliveryFigures,
  short: boolean,
): ServerFigure[] {
  const { deliveries, drainMs, duplicates } = figures.backlog;
  const backlog = `backlog of ${deliveries.toLocaleString('en')} deliveries drained at concurrency ${DEFAULT_CONCURRENCY_PER_DESTINATION}`;
  return [
    serverFigure(
      `${engine.id}.deliveries.drain`,
      `${engine.name}: ${backlog}`,
      'ms',
      [drainMs],
      short,
      'deliveryDrain',
    ),
    serverFigure(
      `${engine.id}.deliveries.duplicates`,
      `${engine.name}: postbacks the tracker got twice in that drain`,
      'postbacks',
      [duplicates],
      short,
      'deliveryDuplicates',
    ),
    serverFigure(
      `${engine.id}.deliveries.latency`,
      `${engine.name}: event's 201 → its postback at the tracker, idle queue`,
      'ms',
      figures.latencyMs.samples,
      short,
      'deliveryLatency',
    ),
  ];
}
