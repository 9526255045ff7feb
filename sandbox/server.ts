import type { TrackerEvent } from '../lib/schemas/api';
import { linkPatternSchema } from '../lib/schemas/link-pattern';
import { DEFAULT_PORT, DEFAULT_REFRESH_GRACE_SECONDS, startServer } from '../server/app';
import type { RunningServer, ServerOptions } from '../server/app';
import { TEST_SCRYPT_COST } from '../server/auth/passwords';
import { writeFirstMessagePattern } from '../server/settings/first-message-pattern';
import type { FaultControls } from '../server/testing/faults';
import type { StaticDir } from '../server/testing/static-files';
import type { Stats } from '../server/testing/stats';
import { seedDemoData } from './demo-data';

/**
 * The sandbox is the Tracker Data server (server/) with the demo data and the test controls on: what `npm start`, the
 * unit tests of the extension and the end-to-end tests run against. Its data is one SQLite file.
 */

export { DEFAULT_PORT, DEFAULT_REFRESH_GRACE_SECONDS };
export const DEFAULT_DATA_FILE = '.tracker-data/demo.sqlite';

export interface SandboxOptions {
  /** 0 picks a free port; default 8787. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** SQLite file; default '.tracker-data/demo.sqlite'; ':memory:' keeps nothing on disk. */
  dataFile?: string;
  /** Default 900. */
  accessTokenTtlSeconds?: number;
  /** How long a spent refresh token may be spent again while no successor of it was used; default 30. */
  refreshTokenGraceSeconds?: number;
  /** Mounts the test controls under /__sandbox/; default false. The fault hooks behind `faults` are always on. */
  controls?: boolean;
  /** Serves the files of `dir` under `urlPrefix`, e.g. demo pages. */
  staticDir?: StaticDir;
  /** The team's first-message pattern (GET /api/v1/team-settings), checked as an admin's would be; default unchanged. */
  firstMessagePattern?: string;
  /** Passed on to the server (loginLimits, logger, …). */
  server?: Partial<ServerOptions>;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:8787, no trailing slash */
  url: string;
  port: number;
  /** Stops listening and destroys open sockets, so tests end fast. */
  close(): Promise<void>;
  faults: FaultControls;
  /** Every event stored, oldest first (the demo history included). */
  storedEvents(): TrackerEvent[];
  /** API requests per route key and how they were answered. */
  stats(): Stats;
  resetStats(): void;
  /** The server underneath, for tests of what the sandbox interface does not cover (admin API, audit). */
  server: RunningServer;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Refused before anything starts: a test with a pattern an admin could not save would test nothing real.
  const firstMessagePattern =
    options.firstMessagePattern === undefined ? undefined : linkPatternSchema.parse(options.firstMessagePattern);
  const server = await startServer({
    port: options.port ?? DEFAULT_PORT,
    host: options.host,
    databaseFile: options.dataFile ?? DEFAULT_DATA_FILE,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    refreshTokenGraceSeconds: options.refreshTokenGraceSeconds,
    // Demo passwords are public: a low cost keeps the many sign-ins of the tests fast.
    passwordCost: TEST_SCRYPT_COST,
    testing: { controls: options.controls ?? false },
    staticDir: options.staticDir,
    seed: seedDemoData,
    ...options.server,
  });
  const testing = server.testing;
  if (!testing) throw new Error('The sandbox needs the server started for tests');
  if (firstMessagePattern !== undefined) await writeFirstMessagePattern(server.context.db, firstMessagePattern);
  return {
    url: server.url,
    port: server.port,
    close: server.close,
    faults: testing.faults,
    storedEvents: testing.storedEventsNow,
    stats: () => testing.stats.snapshot(),
    resetStats: () => testing.stats.reset(),
    server,
  };
}
