/**
 * `npm run server`: the Tracker Data server a team runs (README "The server", docs/server.md). Environment: PORT
 * (default 8787), HOST (default 127.0.0.1), DATA_DIR (default .tracker-data), DATABASE_URL (postgres://… for
 * PostgreSQL), TRACKER_ADMIN_EMAIL + TRACKER_ADMIN_PASSWORD (the first admin), PUBLIC_URL, LOG_LEVEL, TRUST_PROXY. Test controls
 * are never mounted here.
 */
import { join } from 'node:path';
import { loggerOptions, startServer } from './app';
import { configFromEnv } from './config';
import { SQLITE_FILE_NAME } from './db/open';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const server = await startServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    admin: config.admin,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    logger: loggerOptions(config.logLevel),
  });
  const log = server.app.log;
  const data = config.databaseUrl
    ? `PostgreSQL (${new URL(config.databaseUrl).host})`
    : join(config.dataDir, SQLITE_FILE_NAME);
  log.info({ url: server.url, data }, `Tracker Data server listening on ${server.url}`);
  if (!(await server.context.operators.hasAdmin())) {
    log.warn('No admin yet: restart with TRACKER_ADMIN_EMAIL and TRACKER_ADMIN_PASSWORD set to create one');
  }
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
