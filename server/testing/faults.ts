import { createChaos } from './chaos';
import type { ChaosConfig, ChaosReport } from './chaos';
import { faultCommandSchema } from './fault-commands';
import type { DropOptions, FailOptions, FaultCommand, RouteFilter } from './fault-commands';

/** Test controls: every fault is off until asked for, and each "next" fault is spent by the API requests it hits. */
export interface FaultControls {
  /** Answers the next `count` API requests with `status` instead of handling them (see FailOptions for variants). */
  failNext(count: number, status: number, options?: FailOptions): void;
  /** Holds the next `count` API requests for `ms` before handling them. */
  delayNext(count: number, ms: number, options?: RouteFilter): void;
  /** Holds every API request for `ms` (0 turns it off); `delayNext` wins while it lasts. */
  setDelay(ms: number): void;
  /** Destroys the socket of the next `count` API requests without answering. */
  dropNext(count: number, options?: DropOptions): void;
  /** Every access token issued so far answers 401 token_expired from now on. */
  expireAccessTokens(): void;
  /** Every refresh token issued so far answers 401 session_expired from now on (and ends its session when used). */
  revokeRefreshTokens(): void;
  /**
   * From now on fails a share of API requests at random with the kinds asked for (see ChaosConfig); its counts start
   * from zero. Faults asked for with failNext, dropNext and delayNext still come first.
   */
  setChaos(config: ChaosConfig): void;
  /** What the chaos has judged and injected since it was last set, kind by kind. */
  chaosReport(): ChaosReport;
  /** Turns off every pending fault, the persistent delay and the chaos (whose counts stay readable). */
  reset(): void;
}

export type Outcome = { kind: 'fail'; status: number; options: FailOptions } | { kind: 'drop'; options: DropOptions };

export interface FaultPlan {
  delayMs: number;
  outcome?: Outcome;
}

export interface Faults extends FaultControls {
  /** Resolves once the command took effect (the token commands write to the database). */
  apply(command: FaultCommand): Promise<void>;
  /** Spends the faults that hit this request. */
  planFor(routeKey: string): FaultPlan;
}

interface Pending<T> {
  remaining: number;
  route?: string;
  value: T;
}

/** Takes one use of the first pending entry that applies to the route, dropping it once spent. */
function take<T>(queue: Pending<T>[], routeKey: string): T | undefined {
  const index = queue.findIndex((entry) => entry.route === undefined || entry.route === routeKey);
  const entry = queue[index];
  if (!entry) return undefined;
  entry.remaining -= 1;
  if (entry.remaining === 0) queue.splice(index, 1);
  return entry.value;
}

/**
 * The token commands write to the database. On SQLite they run synchronously on the connection, so a test that calls
 * `faults.expireAccessTokens()` and then makes a request sees the effect; on PostgreSQL, await `apply`.
 */
export interface TokenControls {
  expireAccessTokens(): void | Promise<void>;
  revokeRefreshTokens(): void | Promise<void>;
}

export function createFaults(tokens: TokenControls): Faults {
  let outcomes: Pending<Outcome>[] = [];
  let delays: Pending<number>[] = [];
  let persistentDelayMs = 0;
  const chaos = createChaos();

  const apply = (command: FaultCommand): void | Promise<void> => {
    const valid = faultCommandSchema.parse(command);
    switch (valid.fault) {
      case 'failNext': {
        const { fault, count, status, ...options } = valid;
        outcomes.push({ remaining: count, route: options.route, value: { kind: 'fail', status, options } });
        return;
      }
      case 'dropNext': {
        const { fault, count, ...options } = valid;
        outcomes.push({ remaining: count, route: options.route, value: { kind: 'drop', options } });
        return;
      }
      case 'delayNext':
        delays.push({ remaining: valid.count, route: valid.route, value: valid.ms });
        return;
      case 'setDelay':
        persistentDelayMs = valid.ms;
        return;
      case 'expireAccessTokens':
        return tokens.expireAccessTokens();
      case 'revokeRefreshTokens':
        return tokens.revokeRefreshTokens();
      case 'setChaos': {
        const { fault, ...config } = valid;
        chaos.configure(config);
        return;
      }
      case 'reset':
        outcomes = [];
        delays = [];
        persistentDelayMs = 0;
        chaos.stop();
        return;
    }
  };

  /** The synchronous controls below start the write at once; a failure is reported, not swallowed. */
  const start = (command: FaultCommand): void => {
    const pending = apply(command);
    if (pending)
      pending.catch((error: unknown) => process.emitWarning(`fault ${command.fault} failed: ${String(error)}`));
  };

  return {
    apply: async (command) => apply(command),
    planFor(routeKey) {
      const delayMs = take(delays, routeKey);
      const outcome = take(outcomes, routeKey);
      if (delayMs !== undefined || outcome !== undefined) return { delayMs: delayMs ?? persistentDelayMs, outcome };
      const random = chaos.planFor(routeKey);
      return random
        ? { ...random, delayMs: Math.max(random.delayMs, persistentDelayMs) }
        : { delayMs: persistentDelayMs };
    },
    failNext: (count, status, options = {}) => start({ fault: 'failNext', count, status, ...options }),
    delayNext: (count, ms, options = {}) => start({ fault: 'delayNext', count, ms, ...options }),
    setDelay: (ms) => start({ fault: 'setDelay', ms }),
    dropNext: (count, options = {}) => start({ fault: 'dropNext', count, ...options }),
    expireAccessTokens: () => start({ fault: 'expireAccessTokens' }),
    revokeRefreshTokens: () => start({ fault: 'revokeRefreshTokens' }),
    setChaos: (config) => start({ fault: 'setChaos', ...config }),
    chaosReport: () => chaos.report(),
    reset: () => start({ fault: 'reset' }),
  };
}
