import { percentile } from '../support/stats';
import type { Engine } from './engine';
import { measureFixedRate, type FixedRateRun } from './fixed-rate';
import { startFloor } from './floor-target';
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

type StartServer = (databaseEnv: NodeJS.ProcessEnv) => Promise<Target>;

function refusals(runs: ReadonlyArray<Pick<ThroughputRun, 'refused'>>): string | undefined {
  const totals = new Map<string, { count: number; example: string }>();
  for (const run of runs) {
    for (const [status, { count, example }] of Object.entries(run.refused)) {
      const total = totals.get(status) ?? { count: 0, example };
      totals.set(status, { count: total.count + count, example: total.example });
    }
  }
  if (totals.size === 0) return undefined;
  return [...totals].map(([status, { count, example }]) => `${count} answered ${status === '0' ? 'no connection' : status} (${example})`).join('; ');
}

/** Both targets on one engine: throughput rounds, then the fixed rate, each on a fresh database of its own. */
export async function runEngine(engine: Engine, plan: Plan, short: boolean, startServer: StartServer): Promise<EngineRun> {
  const figures: ServerFigure[] = [];
  const details: Record<string, unknown> = { engine: engine.version, plan };
  const label = (target: string, what: string) => `${engine.name}, ${target}: ${what}`;
  const throughputLabel = `events accepted per second (durable commits, ${plan.connections} connections)`;
  const latencyLabel = `latency at ${plan.rate} events/s for ${plan.rateMs / 1000} s`;

  const floor = await startFloor(await engine.floorDatabase());
  let server: Target | undefined;
  try {
    server = await startServer(await engine.serverEnv()).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench:server: ${engine.name}: ${reason}\n`);
      const why = reason.split('\n')[0]!;
      figures.push(failedFigure(`${engine.id}.server.throughput`, label('server', throughputLabel), 'events/s', why));
      figures.push(failedFigure(`${engine.id}.server.latency`, label('server', latencyLabel), 'ms', why));
      return undefined;
    });
    const targets = server ? [floor, server] : [floor];

    for (const target of targets) await measureThroughput(target, plan.connections, plan.warmupMs, `${engine.id}-${target.name}-warmup`);
    const throughput = new Map<string, ThroughputRun[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < plan.rounds; round += 1) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        process.stderr.write(`bench:server: ${engine.name}, ${target.name}: throughput round ${round + 1} of ${plan.rounds}\n`);
        throughput.get(target.name)!.push(await measureThroughput(target, plan.connections, plan.roundMs, `${engine.id}-${target.name}-r${round}`));
      }
    }
    const latency = new Map<string, FixedRateRun>();
    for (const target of targets) {
      process.stderr.write(`bench:server: ${engine.name}, ${target.name}: ${plan.rate} events/s for ${plan.rateMs / 1000} s\n`);
      latency.set(target.name, await measureFixedRate(target, plan.rate, plan.rateMs, plan.rateConnections, `${engine.id}-${target.name}-rate`));
    }

    for (const target of targets) {
      const runs = throughput.get(target.name)!;
      const row = serverFigure(`${engine.id}.${target.name}.throughput`, label(target.name, throughputLabel), 'events/s', runs.map((run) => run.perSecond), short);
      const refused = refusals(runs);
      figures.push(refused ? { ...row, failure: refused } : row);
    }
    const floorRuns = throughput.get('floor')!;
    const serverRuns = server ? throughput.get('server')! : undefined;
    if (serverRuns) {
      const ratios = serverRuns.map((run, round) => run.perSecond / floorRuns[round]!.perSecond);
      figures.push(serverFigure(`${engine.id}.throughput.ratio`, `${engine.name}: server ÷ floor, events accepted per second, per round`, '×', ratios, short, 'throughputOverFloor'));
    }
    for (const target of targets) {
      const run = latency.get(target.name)!;
      const budget = target.name === 'server' && engine.id === 'sqlite' ? 'sqliteLatencyAt200' : undefined;
      const row = serverFigure(`${engine.id}.${target.name}.latency`, label(target.name, latencyLabel), 'ms', run.latenciesMs, short, budget);
      const refused = refusals([run]);
      figures.push(refused ? { ...row, failure: refused } : row);
    }
    const floorLatency = latency.get('floor')!;
    const serverLatency = latency.get('server');
    if (serverLatency) {
      const sortedFloor = [...floorLatency.latenciesMs].sort((a, b) => a - b);
      const sortedServer = [...serverLatency.latenciesMs].sort((a, b) => a - b);
      for (const p of [50, 99]) {
        figures.push(serverFigure(`${engine.id}.latency.ratio.p${p}`, `${engine.name}: server ÷ floor, latency p${p} at ${plan.rate} events/s`, '×', [percentile(sortedServer, p) / percentile(sortedFloor, p)], short));
      }
    }
    details.throughput = Object.fromEntries([...throughput].map(([name, runs]) => [name, runs.map(({ perSecond, accepted, durationMs, refused }) => ({ perSecond, accepted, durationMs, refused }))]));
    details.latency = Object.fromEntries(
      [...latency].map(([name, run]) => [name, { ...run, latenciesMs: run.latenciesMs.map((ms) => Math.round(ms * 100) / 100) }]),
    );
  } finally {
    await Promise.all([floor.stop(), server?.stop()]);
  }
  return { figures, details };
}
