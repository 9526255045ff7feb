import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { TrackerEvent } from '../lib/schemas/api';
import { linkPatternSchema } from '../lib/schemas/link-pattern';
import { createAuthStore } from './auth-store';
import { openDb } from './db';
import { seedDemoData } from './demo-data';
import { createFaults } from './faults';
import type { FaultControls } from './faults';
import { createLoginLimiter } from './login-limiter';
import { createRequestHandler } from './request-handler';
import { authRoutes } from './routes/auth';
import { contactRoutes } from './routes/contacts';
import { controlRoutes } from './routes/controls';
import { eventRoutes } from './routes/events';
import { teamSettingsRoutes } from './routes/team-settings';
import type { StaticDir } from './static-files';
import { createStats } from './stats';
import type { Stats } from './stats';
import { createTrackerStore } from './tracker-store';

export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_FILE = '.sandbox-data/tracker.sqlite';
export const DEFAULT_REFRESH_GRACE_SECONDS = 60;

export interface SandboxOptions {
  /** 0 picks a free port; default 8787. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** SQLite file; default '.sandbox-data/tracker.sqlite'; ':memory:' keeps nothing on disk. */
  dataFile?: string;
  /** Default 900. */
  accessTokenTtlSeconds?: number;
  /**
   * How long a rotated refresh token still works, so a client whose refresh answer was lost (a dropped connection, a
   * timeout, a stopped worker) keeps its session, as Okta's and Auth0's rotation grace periods allow. Default 60.
   */
  refreshTokenGraceSeconds?: number;
  /** Mounts the test controls under /__sandbox/; default false. */
  controls?: boolean;
  /** Serves the files of `dir` under `urlPrefix`, e.g. demo pages. */
  staticDir?: StaticDir;
  /** The team's first-message pattern (GET /api/v1/team-settings), checked as an admin's would be; default none. */
  firstMessagePattern?: string;
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
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const firstMessagePattern = options.firstMessagePattern === undefined ? undefined : linkPatternSchema.parse(options.firstMessagePattern);
  const host = options.host ?? '127.0.0.1';
  const db = await openDb(options.dataFile ?? DEFAULT_DATA_FILE);
  const auth = createAuthStore(db, options.accessTokenTtlSeconds ?? 900, options.refreshTokenGraceSeconds ?? DEFAULT_REFRESH_GRACE_SECONDS);
  const tracker = createTrackerStore(db);
  seedDemoData({
    isEmpty: () => db.get('SELECT 1 FROM operators LIMIT 1') === undefined,
    transaction: (write) => db.transaction(write),
    addOperator: auth.addOperator,
    addContact: tracker.addContact,
    record: tracker.record,
  });

  const faults = createFaults(auth);
  const stats = createStats();
  const closing = new AbortController();
  const handle = createRequestHandler({
    apiRoutes: [
      ...authRoutes(auth, createLoginLimiter()),
      ...contactRoutes(auth, tracker),
      ...eventRoutes(auth, tracker),
      ...teamSettingsRoutes(auth, firstMessagePattern === undefined ? {} : { firstMessagePattern }),
    ],
    controlRoutes: options.controls ? controlRoutes(faults, tracker, stats) : [],
    faults,
    stats,
    staticDir: options.staticDir,
    signal: closing.signal,
  });

  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => {
        db.close();
        resolve();
      });
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    close,
    faults,
    storedEvents: () => tracker.allEvents(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
  };
}
