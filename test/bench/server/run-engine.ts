import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '../support/stats';
import type { Engine } from './engine';
import { measureFixedRate, untilCaughtUp, type FixedRateRun } from './fixed-rate';
import { startFloor } from './floor-target';
import { profilePerEvent } from './profile-summary';
import { failedFigure, serverFigure, type ServerFigure } from './report';
import type { Target } from './target';
import { measureThroughput, type ThroughputRun } from './throughput';

export interface Plan {
  /** Throughput rounds per target; the targets take turns, the first one alternating, so drift hits both alike. */
  rounds: number;
  roundMs: number;
  connections: number;
  warmupMs: number;
  rate: number;
  rateMs: number;
  rateConnections: number;
}

export interface EngineRun {
  figures: ServerFigure[];
  details: Record<string, unknown>;
}

export type StartServer = (databaseEnv: NodeJS.ProcessEnv, nodeArgs: readonly string[]) => Promise<Target>;

type Refused = ThroughputRun['refused'];

function refusals(runs: ReadonlyArray<{ refused: Refused }>): string | undefined {
  const totals = new Map<string, { count: number; example: string }>();
  for (const run of runs) {
    for (const [status, { count, example }] of Object.entries(run.refused)) {
      const total = totals.get(status) ?? { count: 0, example };
      totals.set(status, { count: total.count + count, example: total.example });
    }
  }
  if (totals.size === 0) return undefined;
  return [...totals]
    .map(
      ([status, { count, example }]) => `${count} answered ${status === '0' ? 'no connection' : status} (${example})`,
    )
    .join('; ');
}

const withRefusals = (row: ServerFigure, runs: ReadonlyArray<{ refused: Refused }>): ServerFigure => {
  const refused = refusals(runs);
  return refused ? { ...row, failure: refused } : row;
};

/**
 * Both targets on one engine, each on a fresh database: throughput rounds taken in turns, then the fixed rate.
 * `profileDir`: each target runs with --cpu-prof into a folder of its own, summed up by component in the details.
 */
export async function runEngine(
  engine: Engine,
  plan: Plan,
  short: boolean,
  startServer: StartServer,
  profileDir?: string,
): Promise<EngineRun> {
  const began = Date.now();
  const say = (line: string) =>
    process.stderr.write(`bench:server: ${((Date.now() - began) / 1000).toFixed(1)} s: ${line}\n`);
  const figures: ServerFigure[] = [];
  const details: Record<string, unknown> = { engine: engine.version, plan };
  const label = (target: string, what: string) => `${engine.name}, ${target}: ${what}`;
  const throughputLabel = `events accepted per second (durable commits, ${plan.connections} connections)`;
  const cpuLabel = 'CPU of its process per event accepted';
  const latencyLabel = `latency at ${plan.rate} events/s for ${plan.rateMs / 1000} s`;
  const profileArgs = (name: string): string[] => {
    if (!profileDir) return [];
    const dir = join(profileDir, `${engine.id}-${name}`);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  };

  const [floorDatabase, serverEnv] = await Promise.all([engine.floorDatabase(), engine.serverEnv()]);
  const [floorStart, serverStart] = await Promise.allSettled([
    startFloor(floorDatabase, profileArgs('floor')),
    startServer(serverEnv, profileArgs('server')),
  ]);
  const floor = floorStart.status === 'fulfilled' ? floorStart.value : undefined;
  const server = serverStart.status === 'fulfilled' ? serverStart.value : undefined;
  try {
    if (!floor) throw floorStart.status === 'rejected' ? floorStart.reason : new Error('the floor did not start');
    if (serverStart.status === 'rejected') {
      const reason = serverStart.reason instanceof Error ? serverStart.reason.message : String(serverStart.reason);
      process.stderr.write(`bench:server: ${engine.name}: ${reason}\n`);
      const why = reason.split('\n')[0]!;
      figures.push(failedFigure(`${engine.id}.server.throughput`, label('server', throughputLabel), 'events/s', why));
      figures.push(failedFigure(`${engine.id}.server.latency`, label('server', latencyLabel), 'ms', why));
    }
    const targets = server ? [floor, server] : [floor];
    say(`${engine.name}: started`);

    for (const target of targets)
      await measureThroughput(target, plan.connections, plan.warmupMs, `${engine.id}-${target.name}-warmup`);
    const throughput = new Map<string, ThroughputRun[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < plan.rounds; round += 1) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        say(`${engine.name}, ${target.name}: throughput round ${round + 1} of ${plan.rounds}`);
        throughput
          .get(target.name)!
          .push(
            await measureThroughput(target, plan.connections, plan.roundMs, `${engine.id}-${target.name}-r${round}`),
          );
      }
    }
    const latency = new Map<string, FixedRateRun>();
    for (const target of targets) {
      say(`${engine.name}, ${target.name}: ${plan.rate} events/s for ${plan.rateMs / 1000} s`);
      latency.set(
        target.name,
        await measureFixedRate(
          target,
          plan.rate,
          plan.rateMs,
          plan.rateConnections,
          `${engine.id}-${target.name}-rate`,
        ),
      );
      await untilCaughtUp(target, `${engine.id}-${target.name}-caught-up`);
    }

    const runsOf = (name: string) => throughput.get(name) ?? [];
    const cpuOf = (name: string) =>
      runsOf(name).flatMap((run) => (run.cpuMsPerEvent === undefined ? [] : [run.cpuMsPerEvent]));
    for (const target of targets) {
      const runs = runsOf(target.name);
      figures.push(
        withRefusals(
          serverFigure(
            `${engine.id}.${target.name}.throughput`,
            label(target.name, throughputLabel),
            'events/s',
            runs.map((run) => run.perSecond),
            short,
          ),
          runs,
        ),
      );
    }
    if (server) {
      const floorRuns = runsOf('floor');
      const ratios = runsOf('server').map((run, round) => run.perSecond / floorRuns[round]!.perSecond);
      figures.push(
        serverFigure(
          `${engine.id}.throughput.ratio`,
          `${engine.name}: server ÷ floor, events accepted per second, per round`,
          '×',
          ratios,
          short,
          'throughputOverFloor',
        ),
      );
    }
    for (const target of targets) {
      const cpu = cpuOf(target.name);
      if (cpu.length)
        figures.push(serverFigure(`${engine.id}.${target.name}.cpu`, label(target.name, cpuLabel), 'ms', cpu, short));
    }
    if (server && cpuOf('server').length && cpuOf('floor').length) {
      const floorCpu = cpuOf('floor');
      const ratios = cpuOf('server').map((ms, round) => ms / floorCpu[round]!);
      figures.push(
        serverFigure(
          `${engine.id}.cpu.ratio`,
          `${engine.name}: server ÷ floor, CPU per event, per round`,
          '×',
          ratios,
          short,
        ),
      );
    }
    for (const target of targets) {
      const run = latency.get(target.name)!;
      const budget = target.name === 'server' && engine.id === 'sqlite' ? 'sqliteLatencyAt200' : undefined;
      const row = withRefusals(
        serverFigure(
          `${engine.id}.${target.name}.latency`,
          label(target.name, latencyLabel),
          'ms',
          run.latenciesMs,
          short,
          budget,
        ),
        [run],
      );
      // A target far below the rate leaves events unanswered at the end: its percentiles are then lower bounds.
      figures.push(run.unanswered ? { ...row, label: `${row.label} (${run.unanswered} unanswered: at least)` } : row);
    }
    const serverLatency = latency.get('server');
    if (serverLatency) {
      const sortedFloor = [...latency.get('floor')!.latenciesMs].sort((a, b) => a - b);
      const sortedServer = [...serverLatency.latenciesMs].sort((a, b) => a - b);
      for (const p of [50, 99]) {
        const ratio = percentile(sortedServer, p) / percentile(sortedFloor, p);
        figures.push(
          serverFigure(
            `${engine.id}.latency.ratio.p${p}`,
            `${engine.name}: server ÷ floor, latency p${p} at ${plan.rate} events/s`,
            '×',
            [ratio],
            short,
          ),
        );
      }
    }
    details.throughput = Object.fromEntries([...throughput].map(([name, runs]) => [name, runs]));
    details.latency = Object.fromEntries(
      [...latency].map(([name, run]) => [
        name,
        { ...run, latenciesMs: run.latenciesMs.map((ms) => Math.round(ms * 100) / 100) },
      ]),
    );
  } finally {
    await Promise.all([floor?.stop(), server?.stop()]);
  }
  const measured = details.throughput as Record<string, ThroughputRun[]> | undefined;
  if (profileDir && measured) details.profileMsPerEvent = profilesPerEvent(profileDir, engine.id, measured);
  return { figures, details };
}

/** Each target's CPU per event by component, over its throughput rounds only (not its start, not the fixed rate). */
function profilesPerEvent(
  profileDir: string,
  engineId: string,
  throughput: Record<string, ThroughputRun[]>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(throughput).map(([name, runs]) => {
      const events = runs.reduce((sum, run) => sum + run.accepted, 0);
      try {
        return [
          name,
          profilePerEvent(
            join(profileDir, `${engineId}-${name}`),
            runs.map((run) => run.window),
            events,
          ),
        ];
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)];
      }
    }),
  );
}
