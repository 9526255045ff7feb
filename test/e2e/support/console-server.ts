import { chromium, test, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../../../sandbox/chromium';
import { startServer, type RunningServer } from '../../../server/app';
import { TEST_SCRYPT_COST } from '../../../server/auth/passwords';

/** The first admin the server creates at start, as `TRACKER_ADMIN_*` make `npm run server` do. */
export const CONSOLE_ADMIN = { email: 'lead@team.example', password: 'lead password 2026' };

export interface ConsoleServer {
  browser(): Browser;
  server(): RunningServer;
}

/**
 * For every test of the file: Debian's Chromium, and the real server (`startServer`, as `npm run server` runs it) on a
 * SQLite folder of its own, with CONSOLE_ADMIN created at start. Call at the top level of a test file.
 */
export function useConsoleServer(): ConsoleServer {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath() });
  });
  test.afterAll(async () => browser?.close());
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'console-server-'));
    server = await startServer({
      port: 0,
      passwordCost: TEST_SCRYPT_COST,
      dataDir,
      admin: { ...CONSOLE_ADMIN, name: 'Lena Lead' },
    });
  });
  test.afterEach(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useConsoleServer: ${what} is not started yet`);
    return value;
  };
  return { browser: () => started(browser, 'the browser'), server: () => started(server, 'the server') };
}
