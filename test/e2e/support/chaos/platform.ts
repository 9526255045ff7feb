import { CHAOS_KINDS, type ChaosConfig, type ChaosKind } from '../../../../server/testing/chaos';
import type { Sandbox } from '../../../../sandbox/server';
import type { Stats } from '../../../../server/testing/stats';
import { SandboxHost } from '../fixtures';

/** What the platform went through over the whole run, summed over every time the sandbox was started. */
export interface PlatformTally {
  /** API requests the chaos judged; about `rate` of them were failed. */
  judged: number;
  injected: Record<ChaosKind, number>;
  outages: number;
  downMs: number;
  accessTokenExpiries: number;
  /** Requests and answers per route, as the sandbox counts them (`POST /api/v1/events` → 201, 200, 503, dropped…). */
  routes: Stats;
}

/**
 * The sandbox as the chaos run uses it: random faults on every API request, every access token expired every few
 * seconds, and taken down and brought back over the same data file and port. The sandbox's own counts die with each
 * instance, so they are added up here before it goes down.
 */
export class ChaosPlatform {
  private readonly host = new SandboxHost();
  private expiryTimer: ReturnType<typeof setInterval> | undefined;
  private downSince: number | undefined;
  private starts = 0;
  readonly tally: PlatformTally = {
    judged: 0,
    injected: Object.fromEntries(CHAOS_KINDS.map((kind) => [kind, 0])) as Record<ChaosKind, number>,
    outages: 0,
    downMs: 0,
    accessTokenExpiries: 0,
    routes: {},
  };

  constructor(
    private readonly chaos: ChaosConfig & { seed: number },
    private readonly accessTokenLifeMs: number,
  ) {}

  get url(): string {
    return this.host.url;
  }

  get sandbox(): Sandbox {
    return this.host.sandbox;
  }

  get isUp(): boolean {
    return this.downSince === undefined;
  }

  /** Up, without faults yet: the manager signs in first. */
  async start(): Promise<void> {
    await this.host.start();
    this.starts += 1;
  }

  /** From now on requests fail at random and access tokens keep expiring, across outages too. */
  unleash(): void {
    this.sandbox.faults.setChaos({ ...this.chaos, seed: this.chaos.seed + this.starts });
    this.expiryTimer ??= setInterval(() => {
      if (!this.isUp) return;
      this.sandbox.faults.expireAccessTokens();
      this.tally.accessTokenExpiries += 1;
    }, this.accessTokenLifeMs);
  }

  /** Faults and token expiry off, counts collected: for the final checks, which must see the platform as it is. */
  calm(): void {
    clearInterval(this.expiryTimer);
    this.expiryTimer = undefined;
    this.collect();
    this.sandbox.faults.reset();
  }

  async goDown(): Promise<void> {
    this.collect();
    await this.host.stop();
    this.downSince = Date.now();
    this.tally.outages += 1;
  }

  async comeBack(minimumDownMs: number): Promise<void> {
    const since = this.downSince ?? Date.now();
    const left = minimumDownMs - (Date.now() - since);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    await this.host.start();
    this.starts += 1;
    this.tally.downMs += Date.now() - since;
    this.downSince = undefined;
    this.unleash();
  }

  async stop(): Promise<void> {
    clearInterval(this.expiryTimer);
    await this.host.stop();
  }

  /** Adds the running sandbox's counts to the tally; called once per instance, as it goes down or calms down. */
  private collect(): void {
    const report = this.sandbox.faults.chaosReport();
    this.tally.judged += report.requests;
    for (const kind of CHAOS_KINDS) this.tally.injected[kind] += report.injected[kind];
    for (const [route, counts] of Object.entries(this.sandbox.stats())) {
      const total = (this.tally.routes[route] ??= { requests: 0, statuses: {} });
      total.requests += counts.requests;
      for (const [status, count] of Object.entries(counts.statuses))
        total.statuses[status] = (total.statuses[status] ?? 0) + count;
    }
    this.sandbox.resetStats();
  }
}
