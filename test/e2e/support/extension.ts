import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type BrowserContext, type Worker } from '@playwright/test';
import { chromiumPath } from '../../../sandbox/chromium';

export const EXTENSION_DIR = resolve(process.env.TRACKER_OUT_DIR ?? '.output', 'chrome-mv3');

export interface LoadedExtension {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
}

/** Opens Chromium with the built extension on a profile that can be closed and reopened (same userDataDir). */
export async function launchWithExtension(
  userDataDir = mkdtempSync(join(tmpdir(), 'tracker-data-profile-')),
  extensionDir = EXTENSION_DIR,
): Promise<LoadedExtension> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: process.env.HEADED !== '1',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = await backgroundWorker(context);
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, userDataDir };
}

/** The extension's own worker: the bench loads a second, minimal extension beside it (test/bench/support/baseline-extension.ts). */
const isExtensionWorker = (worker: Worker) => /^chrome-extension:\/\/[^/]+\/background\.js$/.test(worker.url());

export async function backgroundWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().find(isExtensionWorker);
  return running ?? context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 });
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle (DevTools protocol), and proves it: a
 * marker set in the worker's global scope before is gone after, so nothing held only in memory survived.
 */
export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const marker = `stopped-${Date.now()}`;
  await (await backgroundWorker(context)).evaluate((name) => Reflect.set(globalThis, name, true), marker);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
  await expect
    .poll(async () =>
      (await backgroundWorker(context)).evaluate((name) => Reflect.has(globalThis, name), marker).catch(() => false),
    )
    .toBe(false);
}

/** Everything the extension keeps in one storage area, read inside its service worker. */
export async function readExtensionStorage(
  context: BrowserContext,
  area: 'local' | 'session',
): Promise<Record<string, unknown>> {
  const worker = await backgroundWorker(context);
  return worker.evaluate(async (name) => {
    const { storage } = (
      globalThis as unknown as {
        chrome: { storage: Record<string, { get(keys: null): Promise<Record<string, unknown>> }> };
      }
    ).chrome;
    return storage[name]!.get(null);
  }, area);
}
