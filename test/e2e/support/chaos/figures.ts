import { writeFile } from 'node:fs/promises';
import type { OutboxRecord } from '../../../../lib/schemas';
import type { ChaosKind } from '../../../../server/testing/chaos';
import type { PlannedEvent } from './plan';
import type { PlatformTally } from './platform';
import type { Reconciliation } from './reconcile';

/** What one chaos run went through and what came out of it: printed, saved as JSON, quoted in docs/reliability.md. */
export interface ChaosFigures {
  seed: number;
  events: number;
  eventsByType: Record<string, number>;
  eventsByCurrency: Record<string, number>;
  eventsByLead: Record<string, number>;
  faultRate: number;
  apiRequestsJudged: number;
  faultsInjected: Record<ChaosKind, number>;
  faultsTotal: number;
  accessTokenExpiries: number;
  workerStops: number;
  sandboxOutages: number;
  sandboxDownSeconds: number;
  browserRestarts: number;
  /** How the platform answered the event posts, summed over the run: 201 stored, 200 a retry of a stored one, … */
  eventPosts: { requests: number; statuses: Record<string, number> };
  /** How many posts each saved event took, as its outbox record counts them: { "1": 40, "2": 6, … }. */
  attemptsPerEvent: Record<string, number>;
  refreshes: { requests: number; statuses: Record<string, number> };
  lost: number;
  duplicated: number;
  altered: number;
  savedWrong: number;
  notSent: number;
  shownAsSent: number;
  savingSeconds: number;
  drainSeconds: number;
  totalSeconds: number;
}

const tally = <T>(items: readonly T[], key: (item: T) => string | undefined) => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const name = key(item);
    if (name !== undefined) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export interface RunFacts {
  seed: number;
  faultRate: number;
  plan: readonly PlannedEvent[];
  platform: PlatformTally;
  reconciliation: Reconciliation;
  records: readonly OutboxRecord[];
  workerStops: number;
  browserRestarts: number;
  shownAsSent: number;
  savingMs: number;
  drainMs: number;
  totalMs: number;
}

export function figuresOf(facts: RunFacts): ChaosFigures {
  const { plan, platform, reconciliation } = facts;
  const route = (key: string) => platform.routes[key] ?? { requests: 0, statuses: {} };
  return {
    seed: facts.seed,
    events: plan.length,
    eventsByType: tally(plan, (event) => event.type),
    eventsByCurrency: tally(plan, (event) => event.currency),
    eventsByLead: tally(plan, (event) => event.lead),
    faultRate: facts.faultRate,
    apiRequestsJudged: platform.judged,
    faultsInjected: platform.injected,
    faultsTotal: Object.values(platform.injected).reduce((sum, count) => sum + count, 0),
    accessTokenExpiries: platform.accessTokenExpiries,
    workerStops: facts.workerStops,
    sandboxOutages: platform.outages,
    sandboxDownSeconds: seconds(platform.downMs),
    browserRestarts: facts.browserRestarts,
    eventPosts: route('POST /api/v1/events'),
    attemptsPerEvent: tally(facts.records, (record) => String(record.attempts)),
    refreshes: route('POST /api/v1/auth/refresh'),
    lost: reconciliation.lost.length,
    duplicated: reconciliation.duplicated.length,
    altered: reconciliation.altered.length,
    savedWrong: reconciliation.savedWrong.length,
    notSent: reconciliation.notSent.length,
    shownAsSent: facts.shownAsSent,
    savingSeconds: seconds(facts.savingMs),
    drainSeconds: seconds(facts.drainMs),
    totalSeconds: seconds(facts.totalMs),
  };
}

export function describeFigures(figures: ChaosFigures): string {
  const faults = Object.entries(figures.faultsInjected)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const statuses = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ');
  return [
    `Chaos run (seed ${figures.seed}): ${figures.events} events saved through the panel in ${figures.savingSeconds} s`,
    `  types ${JSON.stringify(figures.eventsByType)}, currencies ${JSON.stringify(figures.eventsByCurrency)}`,
    `  faults: ${figures.faultsTotal} of ${figures.apiRequestsJudged} API requests (rate ${figures.faultRate}): ${faults}`,
    `  access token expired ${figures.accessTokenExpiries} times; worker stopped ${figures.workerStops} times; ` +
      `sandbox down ${figures.sandboxOutages} times (${figures.sandboxDownSeconds} s); browser restarted ${figures.browserRestarts} time(s)`,
    `  event posts ${figures.eventPosts.requests}: ${statuses(figures.eventPosts.statuses)}; posts per event ${statuses(figures.attemptsPerEvent)}`,
    `  refreshes ${figures.refreshes.requests}: ${statuses(figures.refreshes.statuses)}`,
    `  lost ${figures.lost}, duplicated ${figures.duplicated}, altered ${figures.altered}, saved wrong ${figures.savedWrong}, ` +
      `not sent ${figures.notSent}; shown as Sent in the panel ${figures.shownAsSent}`,
    `  drained ${figures.drainSeconds} s after the last Save; ${figures.totalSeconds} s in all`,
  ].join('\n');
}

export async function writeFigures(path: string, figures: ChaosFigures): Promise<void> {
  await writeFile(path, `${JSON.stringify(figures, null, 2)}\n`);
}
