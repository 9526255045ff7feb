import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import {
  createBackgroundWorker,
  type BackgroundWorker,
  type BackgroundWorkerOptions,
} from '../../../lib/background/worker';
import { stored, type TrackerEventInput } from '../../../lib/schemas';

export const DEMO = { email: 'demo@tracker.test', password: 'demo-password' } as const;
export const SECOND = { email: 'second@tracker.test', password: 'second-password' } as const;

/** A fresh fake browser and a fresh IndexedDB, as a newly installed extension has. */
export function resetExtension(): void {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
}

export type TestSandboxOptions = Pick<SandboxOptions, 'accessTokenTtlSeconds' | 'refreshTokenGraceSeconds'>;

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, dataFile: ':memory:', controls: true, ...options });
  await fakeBrowser.storage.local.set({ [stored.settings.key]: { apiUrl: sandbox.url, defaultCurrency: 'USD' } });
  return sandbox;
}

/**
 * For every test of the file: a freshly installed extension and a sandbox platform of its own, handed to `take`; after
 * it, the workers it started are stopped and the platform closed.
 */
export function useTestSandbox(take?: (sandbox: Sandbox) => void, options?: TestSandboxOptions): void {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    resetExtension();
    sandbox = await startTestSandbox(options);
    take?.(sandbox);
  });
  afterEach(async () => {
    await stopWorkers();
    await sandbox?.close();
  });
}

const started: BackgroundWorker[] = [];

/**
 * A service worker over the fake browser's storage and the current IndexedDB; a second call over the same storage is
 * what a restarted worker sees. Backoff is shortened so retries happen within a test.
 */
export function startWorker(options: BackgroundWorkerOptions = {}): BackgroundWorker {
  const worker = createBackgroundWorker({ timeoutMs: 1_000, backoff: { baseMs: 20, capMs: 200 }, ...options });
  started.push(worker);
  return worker;
}

/** Stops every worker this test started, as the browser does when it stops the service worker. */
export async function stopWorkers(): Promise<void> {
  await Promise.all(started.splice(0).map((worker) => worker.outbox.stop()));
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function deposit(overrides: Partial<TrackerEventInput> = {}): TrackerEventInput {
  return {
    id: randomUUID(),
    type: 'deposit',
    contact: { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' },
    amount: '150',
    currency: 'USD',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** How many times the platform stored this event id. */
export function storedCount(sandbox: Sandbox, id: string): number {
  return sandbox.storedEvents().filter((event) => event.id === id).length;
}

/** Whether the platform stored every one of these events exactly once (one read of its store, not one per event). */
export function allStoredOnce(sandbox: Sandbox, events: readonly TrackerEventInput[]): boolean {
  const counts = new Map<string, number>();
  for (const event of sandbox.storedEvents()) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
  return events.every((event) => counts.get(event.id) === 1);
}

export function postsOf(sandbox: Sandbox): number {
  return sandbox.stats()['POST /api/v1/events']?.requests ?? 0;
}

/** Everything in storage.local, as a content script could read it. */
export async function localStorageText(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}
