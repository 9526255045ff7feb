import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../../../sandbox/chromium';
import { backgroundWorker, EXTENSION_DIR, type LoadedExtension } from '../../e2e/support/extension';

/** Chromium's own background work (updates, sync, first-run pages) kept out of the figures. */
const BROWSER_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium with the built extension, as test/e2e/support/extension.ts launches it, and the unpacked extensions in
 * `alongside` (the baseline Save is measured against), plus, when asked, a DevTools port (written to
 * <userDataDir>/DevToolsActivePort) through which the profiler reaches the service worker.
 */
export async function launchExtension(
  options: { debuggingPort?: boolean; alongside?: string[] } = {},
): Promise<LoadedExtension> {
  // Playwright otherwise follows every request of the service worker through DevTools' Network domain, which no
  // manager's browser does: in a drain profile each of the worker's fetch calls cost it CPU, and Chromium's browser
  // process spent much of its time reporting them (docs/performance.md, "Outbox drain"). The bench reads the platform's side of each POST instead.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const userDataDir = mkdtempSync(join(tmpdir(), 'tracker-data-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: process.env.HEADED !== '1',
    args: [
      `--disable-extensions-except=${[EXTENSION_DIR, ...(options.alongside ?? [])].join(',')}`,
      `--load-extension=${[EXTENSION_DIR, ...(options.alongside ?? [])].join(',')}`,
      ...BROWSER_FLAGS,
      ...(options.debuggingPort ? ['--remote-debugging-port=0'] : []),
    ],
  });
  const worker = await backgroundWorker(context);
  return { context, extensionId: new URL(worker.url()).host, userDataDir };
}
