import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createLoginLimiter } from './auth/login-limiter';
import type { LimiterOptions } from './auth/login-limiter';
import { createOperatorStore } from './auth/operators';
import { OWASP_SCRYPT_COST } from './auth/passwords';
import type { PasswordCost } from './auth/passwords';
import { createSessionStore } from './auth/sessions';
import { registerConsole } from './console/plugin';
import { serverConsoleAuth } from './console/server-auth';
import type { ServerContext } from './context';
import { openDatabase, storageFor } from './db/open';
import type { Database } from './db/open';
import { startDeliveryWorker } from './deliveries/worker';
import type { DeliveryWorker, DeliveryWorkerOptions } from './deliveries/worker';
import { createDestinationStore } from './destinations/store';
import { createTrackerStore } from './events/store';
import { frameworkErrors, registerErrorHandling } from './http/error-handling';
import { ownHostnames, registerHardening, registerNulRefusal } from './http/hardening';
import { loggableUrl } from './http/loggable-url';
import { registerRequestLog } from './http/request-log';
import { adminAuditRoutes } from './routes/admin-audit';
import { adminDestinationRoutes } from './routes/admin-destinations';
import { adminEventRoutes } from './routes/admin-events';
import { adminContactRoutes } from './routes/admin-contacts';
import { adminOperatorRoutes } from './routes/admin-operators';
import { authRoutes } from './routes/auth';
import { contactRoutes } from './routes/contacts';
import { trackerDataRoutes } from './routes/contact-tracker-data';
import { eventRoutes } from './routes/events';
import { teamSettingsRoutes } from './routes/team-settings';
import { adminIntakeRoutes } from './routes/admin-intakes';
import { intakeRoutes } from './routes/intake';
import { createIntakeRateLimiter } from './intakes/rate-limit';
import type { IntakeLimits } from './intakes/rate-limit';
import { registerTesting } from './testing/register';
import type { Testing, TestingOptions } from './testing/register';
import type { StaticDir } from './testing/static-files';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.tracker-data';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
/**
 * Long enough for a client whose refresh answer was lost to get through again after the platform restarts or the
 * network comes back (Amazon Cognito allows up to 60 s for the same reason). A thief replaying a spent token within
 * it gets a sibling of the client's own successor, and the second of them to be spent ends the session (see
 * SessionOptions).
 */
export const DEFAULT_REFRESH_GRACE_SECONDS = 30;
/** Every body the API takes is a few hundred bytes; 64 KiB leaves room and bounds what a caller can make us parse. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ServerOptions {
  /** 0 picks a free port; default 8787. */
  port?: number;
  /** Default 127.0.0.1; '0.0.0.0' answers on every interface. */
  host?: string;
  /** `postgres://…`: PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file lives; default .tracker-data/. */
  dataDir?: string;
  /** An exact SQLite file instead (':memory:' keeps nothing on disk). */
  databaseFile?: string;
  /** The address the server is reached at from outside (its host is accepted in Host headers). */
  publicUrl?: string;
  /** Further host names to answer to (a reverse proxy's). */
  allowedHosts?: readonly string[];
  accessTokenTtlSeconds?: number;
  refreshTokenGraceSeconds?: number;
  /** Default OWASP's scrypt minimum; tests pass TEST_SCRYPT_COST. */
  passwordCost?: PasswordCost;
  /** Created when the database has no live admin; an existing admin is never changed. */
  admin?: { email: string; password: string; name?: string };
  loginLimits?: LimiterOptions;
  /** Calls each intake takes in a burst and per second after; default DEFAULT_INTAKE_LIMITS. */
  intakeLimits?: IntakeLimits;
  /** Test controls and fault hooks. Only tests and the demo pass this; `npm run server` never does. */
  testing?: TestingOptions;
  /** Demo pages served beside the API (`npm start`, end-to-end tests). */
  staticDir?: StaticDir;
  /** Fills a fresh database (demo data); runs after migrations, before the server listens. */
  seed?: (context: ServerContext) => Promise<void>;
  /**
   * The delivery worker's settings; `worker: false` leaves the queue unsent (tests that drive it themselves, or a
   * process that only answers the API while others send).
   */
  deliveries?: DeliveryWorkerOptions & { worker?: boolean };
  /**
   * Behind a reverse proxy: `true` or the proxies' addresses ('127.0.0.1', CIDRs), so the client address the sign-in
   * throttle and the audit log use is the caller's, not the proxy's. Default: no proxy trusted.
   */
  trustProxy?: boolean | string;
  /** pino options for Fastify's logger; default off. */
  logger?: FastifyServerOptions['logger'];
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787, no trailing slash */
  url: string;
  port: number;
  app: FastifyInstance;
  database: Database;
  context: ServerContext;
  /** Present when started with `testing`. */
  testing?: Testing;
  /** Stops listening, ends open connections and closes the database. */
  close(): Promise<void>;
}

/**
 * Logs never carry a secret: credentials and tokens are cut wherever they could appear in a logged object. Fastify's
 * request serializer logs method, url, host and remote address, not headers or bodies; this covers what code adds.
 */
const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.accessToken',
    '*.refreshToken',
    '*.token',
    'password',
    'accessToken',
    'refreshToken',
  ],
  censor: '[redacted]',
};

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: REDACT,
    serializers: {
      req: (request: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: request.method,
        url: loggableUrl(request.url),
        host: request.hostname,
        remoteAddress: request.ip,
      }),
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const database = await openDatabase(storageFor(options));
  const { db } = database;
  const cost = options.passwordCost ?? OWASP_SCRYPT_COST;
  let worker: DeliveryWorker | undefined;
  const wakeDeliveries = () => worker?.wake();
  const context: ServerContext = {
    db,
    operators: createOperatorStore(db, cost),
    sessions: createSessionStore(db, {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
      refreshGraceSeconds: options.refreshTokenGraceSeconds ?? DEFAULT_REFRESH_GRACE_SECONDS,
    }),
    tracker: createTrackerStore(db, { engine: database.engine, onDeliveriesQueued: wakeDeliveries }),
    loginLimiter: createLoginLimiter(options.loginLimits),
    destinations: createDestinationStore(db),
    wakeDeliveries,
  };

  const app = Fastify({
    logger: options.logger ?? false,
    // registerRequestLog writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A contact id is up to 128 characters, percent-encoded in the path: longer than Fastify's default of 100.
    routerOptions: { maxParamLength: 2048 },
    // close() ends keep-alive connections and requests held by a test delay instead of waiting for them.
    forceCloseConnections: true,
    return503OnClosing: true,
    frameworkErrors: frameworkErrors as FastifyServerOptions['frameworkErrors'],
    trustProxy: options.trustProxy ?? false,
  });
  const closing = new AbortController();
  let origins: string[] = [];
  try {
    if (options.admin && !(await context.operators.hasAdmin())) {
      await context.operators.create({
        email: options.admin.email,
        password: options.admin.password,
        name: options.admin.name ?? 'Admin',
        role: 'admin',
      });
    }
    await options.seed?.(context);

    registerErrorHandling(app);
    registerRequestLog(app);
    registerHardening(app, ownHostnames(host, options.publicUrl, options.allowedHosts), () => origins);
    registerNulRefusal(app);
    const testing =
      options.testing || options.staticDir
        ? registerTesting(app, {
            database,
            context,
            signal: closing.signal,
            testing: options.testing,
            staticDir: options.staticDir,
          })
        : undefined;
    // On the root instance and before the routes: its hook lets the admin routes' guard see the console's operator.
    await registerConsole(app, { auth: serverConsoleAuth(context) });
    authRoutes(app, context);
    contactRoutes(app, context);
    eventRoutes(app, context);
    adminOperatorRoutes(app, context);
    adminAuditRoutes(app, context);
    adminDestinationRoutes(app, context);
    adminEventRoutes(app, context);
    trackerDataRoutes(app, context);
    adminContactRoutes(app, context);
    teamSettingsRoutes(app, context);
    adminIntakeRoutes(app, context, () => (options.publicUrl ?? url).replace(/\/+$/, ''));
    intakeRoutes(app, context, createIntakeRateLimiter(options.intakeLimits));

    let url = '';
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
    url = `http://${urlHost(host)}:${port}`;
    origins = [url, ...(options.publicUrl ? [new URL(options.publicUrl).origin] : [])];
    if (options.deliveries?.worker !== false)
      worker = startDeliveryWorker(db, database.engine, options.deliveries, app.log);

    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= (async () => {
        closing.abort();
        // Postbacks in flight finish and their answers are written first: a tracker that counted one is never sent it
        // again after a restart because its answer was lost on the way down.
        await worker?.stop();
        await app.close();
        await database.close();
      })();
      return closed;
    };
    return { url, port, app, database, context, testing, close };
  } catch (error) {
    closing.abort();
    await app.close();
    await database.close();
    throw error;
  }
}
