import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Makes storage.local refuse every write that touches the key `key()` names at that moment, as a full disk does,
 * until `allow` is called; `refusedAt` holds when each refusal happened (on the test's clock, fake or real).
 */
export function refuseWritesOf(key: () => string | undefined) {
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  const refusedAt: number[] = [];
  let refusing = true;
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
    const target = key();
    if (refusing && target !== undefined && target in items) {
      refusedAt.push(Date.now());
      throw new Error('QUOTA_BYTES quota exceeded');
    }
    return set(items);
  });
  return {
    refusedAt,
    allow() {
      refusing = false;
    },
  };
}
