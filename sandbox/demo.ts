/**
 * `npm start`: the sandbox platform with a demo Telegram Web K chat, and Chromium opened on it with the extension's
 * development build loaded (which also matches the sandbox's /demo/ pages; see demo-browser.ts). Ctrl+C stops both, and
 * closing the browser stops the platform.
 */
import { resolve } from 'node:path';
import { ensureChromium } from './chromium';
import { assertDisplay, buildDemoExtension, openDemoBrowser } from './demo-browser';
import { DEMO_OPERATORS, seedDemoData } from './demo-data';
import { seedDemoDestination, startDemoTracker } from './demo-tracker';
import { DEFAULT_DATA_FILE, DEFAULT_PORT, startSandbox } from './server';

const DEMO_PREFIX = '/demo/web.telegram.org/k/';

async function main(): Promise<void> {
  const chromium = ensureChromium();
  assertDisplay();
  const extensionDir = await buildDemoExtension();
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const tracker = await startDemoTracker(Number(process.env.DEMO_TRACKER_PORT ?? port + 1));
  const sandbox = await startSandbox({
    port,
    dataFile: process.env.SANDBOX_DATA ?? DEFAULT_DATA_FILE,
    staticDir: { urlPrefix: DEMO_PREFIX, dir: resolve('test/fixtures/telegram-k/app') },
    server: {
      seed: async (context) => {
        await seedDemoData(context);
        await seedDemoDestination(context, tracker);
      },
    },
  }).catch((error: unknown) => {
    throw new Error(
      `The sandbox could not start on port ${port} (${String(error)}). Is another one running? Set PORT to use another port.`,
    );
  });

  console.log(`Tracker API sandbox: ${sandbox.url}`);
  for (const { operator, password } of DEMO_OPERATORS) console.log(`Sign in as ${operator.email} / ${password}`);
  console.log(`Demo chat: ${sandbox.url}${DEMO_PREFIX}`);
  console.log(`Demo tracker (the postbacks it got): ${tracker.url}`);

  const browser = openDemoBrowser(chromium, extensionDir, `${sandbox.url}${DEMO_PREFIX}`);
  // `on`, not `once`: Ctrl+C reaches this process twice (from the terminal and relayed by tsx), and a second SIGINT
  // without a listener would end it before the browser's profile and the platform are cleaned up.
  const stop = () => void browser.close();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await browser.exited;
  await sandbox.close();
  await tracker.close();
  process.exit(code ?? 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
