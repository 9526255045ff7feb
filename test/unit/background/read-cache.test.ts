import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, stored } from '../../../lib/schemas';
import type { Sandbox } from '../../../sandbox/server';
import { optionsPage } from '../security/senders';
import { DEMO, deposit, postsOf, startWorker, useTestSandbox, waitFor } from './support';

/**
 * The background keeps the single-key values it reads (session, access token, settings) between reads, because a
 * Save read them five times on its way to the POST (docs/performance.md). What it keeps must never be older than
 * storage: whoever changes a value, the next read sees the change.
 */

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

/** What the way from a Save to its POST needs: whose session, its access token, and the platform's address. */
const WHAT_A_POST_NEEDS: readonly string[] = [stored.sessionSummary.key, stored.accessToken.key, stored.settings.key];

/** Counts the storage reads (either area) that ask for one of those while `run` runs. */
async function readsOfWhatAPostNeeds(run: () => Promise<void>): Promise<number> {
  let reads = 0;
  const restore = (['local', 'session'] as const).map((area) => {
    const original = fakeBrowser.storage[area].get;
    fakeBrowser.storage[area].get = ((keys?: unknown) => {
      const asked = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? (keys as string[]) : [];
      if (asked.some((key) => WHAT_A_POST_NEEDS.includes(key))) reads += 1;
      return original(keys as never);
    }) as typeof original;
    return () => (fakeBrowser.storage[area].get = original);
  });
  try {
    await run();
  } finally {
    restore.forEach((undo) => undo());
  }
  return reads;
}

describe('the values the background keeps between reads', () => {
  it('lets a warm Save reach the platform without reading the session or the settings again', async () => {
    const worker = startWorker();
    await worker.handlers['session.signIn'](DEMO, {});
    const first = deposit();
    await worker.handlers['event.submit'](first, optionsPage);
    await waitFor(() => postsOf(sandbox) === 1, 5_000, 'the first POST');

    const reads = await readsOfWhatAPostNeeds(async () => {
      await worker.handlers['event.submit'](deposit({ type: 'redeposit' }), optionsPage);
      await waitFor(() => postsOf(sandbox) === 2, 5_000, 'the second POST');
    });
    expect(reads).toBe(0);
  });

  it('sees a value another writer stored at once (settings written straight to storage)', async () => {
    const { handlers } = startWorker();
    expect(await handlers['settings.get']({}, optionsPage)).toMatchObject({ defaultCurrency: 'USD' });
    const current = (await fakeBrowser.storage.local.get(stored.settings.key))[stored.settings.key] as object;
    await fakeBrowser.storage.local.set({ [stored.settings.key]: { ...current, defaultCurrency: 'EUR' } });
    expect(await handlers['settings.get']({}, optionsPage)).toMatchObject({ defaultCurrency: 'EUR' });

    await fakeBrowser.storage.local.remove(stored.settings.key);
    expect(await handlers['settings.get']({}, optionsPage)).toEqual(DEFAULT_SETTINGS);
  });

  it('sees a session ended in storage by someone else (the sign-out of a worker since stopped)', async () => {
    const { handlers } = startWorker();
    await handlers['session.signIn'](DEMO, {});
    expect(await handlers['session.get']({}, optionsPage)).toMatchObject({ signedIn: true });
    const { area, key } = stored.sessionSummary;
    await fakeBrowser.storage[area].set({ [key]: { signedIn: false, expired: true } });
    expect(await handlers['session.get']({}, optionsPage)).toEqual({ signedIn: false, expired: true });
  });

  it('never keeps a value read while a save of it was under way', async () => {
    const { handlers } = startWorker();
    const before = await handlers['settings.get']({}, optionsPage);
    await fakeBrowser.storage.local.set({ [stored.settings.key]: before });
    // The next read of the settings gets its answer from storage at once, and is held until the save has landed.
    const original = fakeBrowser.storage.local.get;
    let landed!: () => void;
    const saveLanded = new Promise<void>((resolve) => (landed = resolve));
    fakeBrowser.storage.local.get = (async (keys?: unknown) => {
      fakeBrowser.storage.local.get = original;
      const values = await original(keys as never);
      await saveLanded;
      return values;
    }) as typeof original;

    const slowRead = handlers['settings.get']({}, optionsPage);
    const saved = { ...before, defaultCurrency: 'GBP' };
    await handlers['settings.save'](saved, optionsPage);
    landed();
    expect(await slowRead).toEqual(before);
    expect(await handlers['settings.get']({}, optionsPage)).toEqual(saved);
  });
});
