import { z } from 'zod/mini';
import type { FaultPlan } from './faults';
import { seededRandom } from './seeded-random';

/**
 * Random faults for soak tests: a share of API requests fails with one of these kinds, picked at random from a seeded
 * generator, and every injection is counted so a test can say which faults its client lived through.
 */
export const CHAOS_KINDS = [
  '500',
  '502',
  '503',
  '503-retry-after',
  '429',
  '429-retry-after',
  /** Held just past the client's timeout, then handled: the event is stored after the client gave up on it. */
  'timeout',
  'drop',
  /** The route runs (the event is stored), then the socket is destroyed: the answer is lost. */
  'drop-after-handling',
  'malformed',
  /** The route runs, then a 200 with cut-off JSON replaces its answer. */
  'malformed-after-handling',
] as const;
export const chaosKindSchema = z.enum(CHAOS_KINDS);
export type ChaosKind = z.infer<typeof chaosKindSchema>;

/** The extension's request timeout is 10 s (lib/background/api-client.ts): half a second more is a timeout there. */
export const DEFAULT_CHAOS_TIMEOUT_MS = 10_500;

export const chaosConfigSchema = z.object({
  /** The share of API requests that fail, 0–1; 0 injects nothing. */
  rate: z.number().check(z.gte(0), z.lte(1)),
  /** The kinds to inject and how often: a kind listed twice comes twice as often. Default: each kind once. */
  kinds: z.optional(z.array(chaosKindSchema).check(z.minLength(1))),
  /** Same seed, same sequence of decisions (for the same sequence of requests). Default: picked at random. */
  seed: z.optional(z.int()),
  /** Route keys as the stats name them; default every API route. */
  routes: z.optional(z.array(z.string()).check(z.minLength(1))),
  /** How long a 'timeout' holds the request. */
  timeoutMs: z.optional(z.int().check(z.nonnegative())),
  /** The Retry-After of the '-retry-after' kinds, in seconds. */
  retryAfterSeconds: z.optional(z.int().check(z.nonnegative())),
});
export type ChaosConfig = z.infer<typeof chaosConfigSchema>;

export const chaosReportSchema = z.object({
  rate: z.number(),
  seed: z.int(),
  /** API requests the chaos judged (those of its routes while it was on). */
  requests: z.int(),
  injected: z.record(chaosKindSchema, z.int()),
});
export type ChaosReport = z.infer<typeof chaosReportSchema>;

export interface Chaos {
  /** Starts a new chaos period: its counts start from zero. */
  configure(config: ChaosConfig): void;
  /** Stops injecting; the counts stay readable. */
  stop(): void;
  /** The fault for this request, or undefined when it goes through untouched. */
  planFor(routeKey: string): FaultPlan | undefined;
  report(): ChaosReport;
}

function zeroCounts(): Record<ChaosKind, number> {
  return Object.fromEntries(CHAOS_KINDS.map((kind) => [kind, 0])) as Record<ChaosKind, number>;
}

export function planOf(kind: ChaosKind, config: Pick<ChaosConfig, 'timeoutMs' | 'retryAfterSeconds'>): FaultPlan {
  const retryAfter = config.retryAfterSeconds ?? 1;
  const fail = (
    status: number,
    options: { retryAfter?: number; body?: 'malformed'; afterHandling?: boolean } = {},
  ): FaultPlan => ({
    delayMs: 0,
    outcome: { kind: 'fail', status, options },
  });
  switch (kind) {
    case '500':
      return fail(500);
    case '502':
      return fail(502);
    case '503':
      return fail(503);
    case '503-retry-after':
      return fail(503, { retryAfter });
    case '429':
      return fail(429);
    case '429-retry-after':
      return fail(429, { retryAfter });
    case 'timeout':
      return { delayMs: config.timeoutMs ?? DEFAULT_CHAOS_TIMEOUT_MS };
    case 'drop':
      return { delayMs: 0, outcome: { kind: 'drop', options: {} } };
    case 'drop-after-handling':
      return { delayMs: 0, outcome: { kind: 'drop', options: { afterHandling: true } } };
    case 'malformed':
      return fail(200, { body: 'malformed' });
    case 'malformed-after-handling':
      return fail(200, { body: 'malformed', afterHandling: true });
  }
}

/**
 * Whether a request fails is a coin toss at `rate`; which kind it gets is dealt from a shuffled deck of `kinds`, so
 * every kind comes up once per round of the deck, and a short run still sees each of them.
 */
export function createChaos(): Chaos {
  let config: ChaosConfig | undefined;
  let seed = 0;
  let random = seededRandom(0);
  let deck: ChaosKind[] = [];
  let requests = 0;
  let injected = zeroCounts();

  const deal = (kinds: readonly ChaosKind[]): ChaosKind => {
    if (deck.length === 0) {
      deck = [...kinds];
      for (let index = deck.length - 1; index > 0; index -= 1) {
        const other = Math.floor(random() * (index + 1));
        [deck[index], deck[other]] = [deck[other] as ChaosKind, deck[index] as ChaosKind];
      }
    }
    return deck.pop() as ChaosKind;
  };

  return {
    configure(next) {
      config = chaosConfigSchema.parse(next);
      seed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
      random = seededRandom(seed);
      deck = [];
      requests = 0;
      injected = zeroCounts();
    },
    stop() {
      config = undefined;
    },
    planFor(routeKey) {
      if (!config || config.rate === 0 || (config.routes && !config.routes.includes(routeKey))) return undefined;
      requests += 1;
      if (random() >= config.rate) return undefined;
      const kind = deal(config.kinds ?? CHAOS_KINDS);
      injected[kind] += 1;
      return planOf(kind, config);
    },
    report: () => ({ rate: config?.rate ?? 0, seed, requests, injected: { ...injected } }),
  };
}
