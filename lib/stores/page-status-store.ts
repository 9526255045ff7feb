import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendMessage } from '../messaging/client';
import type { PageStatus } from '../schemas';

export interface PageStatusState {
  /** How the extension is doing on the active tab's chat app; undefined for a page it does not run on. */
  status: PageStatus | undefined;
  load(): Promise<void>;
}

export type PageStatusStore = StoreApi<PageStatusState>;

/** The active tab's page status for the popup; the tab id comes from the popup's entrypoint. */
export function createPageStatusStore(activeTabId: () => Promise<number | undefined>): PageStatusStore {
  return createStore<PageStatusState>()((set) => ({
    status: undefined,
    async load() {
      const tabId = await activeTabId();
      if (tabId === undefined) return;
      try {
        set({ status: (await sendMessage('page.status', { tabId })) ?? undefined });
      } catch {
        // Without an answer the popup simply says nothing about the page.
      }
    },
  }));
}
