/**
 * `npm start`: the sandbox platform with a demo Telegram Web K chat, and Chromium opened by WXT's runner with the
 * extension loaded (development build, which also matches the sandbox's /demo/ pages). Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium } from './chromium';
import { DEMO_OPERATORS } from './demo-data';
import { DEFAULT_DATA_FILE, DEFAULT_PORT, startSandbox } from './server';

const DEMO_PREFIX = '/demo/web.telegram.org/k/';

async function main(): Promise<void> {
  const chromium = ensureChromium();
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const sandbox = await startSandbox({
    port,
    dataFile: process.env.SANDBOX_DATA ?? DEFAULT_DATA_FILE,
    staticDir: { urlPrefix: DEMO_PREFIX, dir: resolve('test/fixtures/telegram-k/app') },
  }).catch((error: unknown) => {
    throw new Error(`The sandbox could not start on port ${port} (${String(error)}). Is another one running? Set PORT to use another port.`);
  });

  console.log(`Tracker API sandbox: ${sandbox.url}`);
  for (const { operator, password } of DEMO_OPERATORS) console.log(`Sign in as ${operator.email} / ${password}`);
  console.log(`Demo chat: ${sandbox.url}${DEMO_PREFIX}`);

  const wxt = spawn('npx', ['wxt'], {
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium, PORT: String(sandbox.port) },
  });
  const stop = () => wxt.kill('SIGINT');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  wxt.once('exit', (code) => {
    void sandbox.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
