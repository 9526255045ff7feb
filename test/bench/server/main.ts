/**
 * `npm run bench:server`: the server (`tsx server/main.ts`, a process of its own) beside the floor (bare `node:http`
 * doing the same durable insert, also a process of its own), on SQLite and on PostgreSQL, each on a fresh database.
 * Prints one table (median, p95 and p99 of each figure beside its budget) and the machine, writes the same as JSON
 * (BENCH_SERVER_JSON, default test-results/bench-server.json), and exits 1 when a budget is broken.
 * BENCH_SHORT=1 (or --short) is the CI run, under a minute. BENCH_ENGINES=sqlite or postgres runs one engine.
 * BENCH_PROFILE=<dir>: both processes run with --cpu-prof into <dir>; the details say where their CPU went, and where
 * the bench's own process spent the deliveries' drain (the server and the fake tracker run in it).
 * See docs/performance.md, "The server", for what each figure means.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { describeMachine } from '../support/machine';
import type { Engine } from './engine';
import { deliveryRows, measureDeliveries } from './delivery-figures';
import { assertValidStream } from './events';
import { postgresEngine } from './postgres-engine';
import { broken, failedFigure, serverTable, writeJson, type ServerFigure } from './report';
import { runEngine, type Plan, type StartServer } from './run-engine';
import { startServer } from './server-target';
import { sqliteEngine } from './sqlite-engine';

const short = process.env.BENCH_SHORT === '1' || process.argv.includes('--short');
const PLAN: Plan = short
  ? { rounds: 2, roundMs: 1500, connections: 16, warmupMs: 300, rate: 200, rateMs: 4000, rateConnections: 16 }
  : { rounds: 5, roundMs: 5000, connections: 16, warmupMs: 1000, rate: 200, rateMs: 30_000, rateConnections: 16 };
/** Issue 16, item 7: the backlog drained, and how many idle-queue events are timed from their 201 to the tracker. */
const DELIVERIES = short ? { backlog: 2_000, latencySamples: 50 } : { backlog: 10_000, latencySamples: 200 };
const ENGINES: Record<Engine['id'], () => Promise<Engine>> = { sqlite: sqliteEngine, postgres: postgresEngine };
const engineIds = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((id) => id.trim()) as Array<
  Engine['id']
>;

async function main(): Promise<number> {
  assertValidStream();
  const startedAt = new Date();
  const { chromium: _notUsed, ...machine } = describeMachine('');
  const figures: ServerFigure[] = [];
  const details: Record<string, unknown> = {};
  const versions: string[] = [];
  const profileDir = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;
  const start: StartServer = existsSync('server/main.ts')
    ? startServer
    : () => Promise.reject(new Error('server/main.ts is not on this branch: the floor alone was measured'));
  for (const id of engineIds) {
    const open = ENGINES[id];
    if (!open) throw new Error(`BENCH_ENGINES: unknown engine "${id}" (sqlite, postgres)`);
    let engine: Engine | undefined;
    try {
      engine = await open();
      versions.push(engine.version);
      const run = await runEngine(engine, PLAN, short, start, profileDir);
      figures.push(...run.figures);
      const deliveries = await measureDeliveries({
        ...DELIVERIES,
        databaseUrl: id === 'postgres' ? (await engine.serverEnv()).DATABASE_URL : undefined,
        profile: profileDir !== undefined,
      });
      figures.push(...deliveryRows(engine, deliveries, short));
      const { samples: _kept, ...latencyMs } = deliveries.latencyMs;
      details[id] = { ...run.details, deliveries: { backlog: deliveries.backlog, latencyMs } };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      process.stderr.write(`bench:server: ${id} failed: ${error instanceof Error ? error.stack : reason}\n`);
      figures.push(failedFigure(`${id}.failed`, `${engine?.name ?? id}: the run`, 'ms', reason));
    } finally {
      await engine?.close();
    }
  }
  machine.loadAverage.end = os.loadavg()[0] ?? 0;

  const durationS = (Date.now() - startedAt.getTime()) / 1000;
  const report = {
    mode: short ? 'short' : 'full',
    startedAt: startedAt.toISOString(),
    durationS,
    machine,
    engines: versions,
    figures,
    details,
  };
  const jsonPath = resolve(process.env.BENCH_SERVER_JSON ?? 'test-results/bench-server.json');
  writeJson(jsonPath, report);
  const load = `${machine.loadAverage.start.toFixed(2)} → ${machine.loadAverage.end.toFixed(2)}`;
  const lines = [
    `Tracker Data server bench (${report.mode} run, ${durationS.toFixed(0)} s)`,
    `CPU: ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}`,
    `Node ${machine.node}, 1-min load average ${load}`,
    ...versions,
  ];
  const failures = figures.filter(broken);
  process.stdout.write(`\n${lines.join('\n')}\n\n${serverTable(figures)}\n\nJSON: ${jsonPath}\n`);
  process.stdout.write(
    failures.length
      ? `${failures.length} budget(s) broken: ${failures.map((f) => f.id).join(', ')}\n`
      : 'Every budget holds.\n',
  );
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:server: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
