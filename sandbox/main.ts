/**
 * `npm run sandbox`: the local Tracker API for the demo and for trying the extension by hand.
 * PORT (default 8787), SANDBOX_DATA (default .sandbox-data/tracker.sqlite, ':memory:' for none),
 * SANDBOX_CONTROLS=1 mounts the test controls under /__sandbox/, SANDBOX_STATIC_DIR with SANDBOX_STATIC_PREFIX
 * (default /demo/) serves demo pages.
 */
import { DEMO_OPERATORS } from './demo-data';
import { DEFAULT_DATA_FILE, DEFAULT_PORT, startSandbox } from './server';

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
}

const env = process.env;
const dataFile = env.SANDBOX_DATA || DEFAULT_DATA_FILE;
const staticDir = env.SANDBOX_STATIC_DIR
  ? { dir: env.SANDBOX_STATIC_DIR, urlPrefix: env.SANDBOX_STATIC_PREFIX || '/demo/' }
  : undefined;

const sandbox = await startSandbox({
  port: portFromEnv(env.PORT),
  dataFile,
  controls: env.SANDBOX_CONTROLS === '1',
  staticDir,
});

console.log(`Tracker API sandbox listening on ${sandbox.url}`);
console.log(`Data: ${dataFile}`);
for (const { operator, password } of DEMO_OPERATORS) console.log(`Sign in as ${operator.email} / ${password}`);
if (env.SANDBOX_CONTROLS === '1') console.log(`Test controls: ${sandbox.url}/__sandbox/`);
if (staticDir) console.log(`Demo pages: ${sandbox.url}${staticDir.urlPrefix} (from ${staticDir.dir})`);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
