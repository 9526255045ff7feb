import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendMessage } from '../messaging/client';
import { addableHostOf, sitePattern } from '../schemas';
import { problemOf } from './problem';

/** The tab the popup was opened over; its URL is known through activeTab. */
export interface ActiveTab {
  id?: number;
  url?: string;
}

export type ThisSiteStatus =
  | { kind: 'unavailable' }
  | { kind: 'offer'; tabId: number; host: string }
  | { kind: 'adding'; tabId: number; host: string }
  | { kind: 'added' | 'denied' | 'builtIn'; tabId: number; host: string }
  | { kind: 'failed'; tabId: number; host: string; message: string };

export interface ThisSiteState {
  status: ThisSiteStatus;
  load(): Promise<void>;
  useHere(): Promise<void>;
}

export type ThisSiteStore = StoreApi<ThisSiteState>;

export interface ThisSiteStoreDeps {
  activeTab: () => Promise<ActiveTab | undefined>;
  /** `browser.permissions.request`; called first thing in the click, or the browser will not ask. */
  requestOrigins: (origins: string[]) => Promise<boolean>;
}

/**
 * "Use on this site": offered on an https page where Tracker Data does not run yet (no chat app of ours reported from
 * the tab, the host not added before). Using it asks for the host's permission and adds the site as any page.
 */
export function createThisSiteStore({ activeTab, requestOrigins }: ThisSiteStoreDeps): ThisSiteStore {
  return createStore<ThisSiteState>()((set, get) => ({
    status: { kind: 'unavailable' },

    async load() {
      const tab = await activeTab();
      const host = addableHostOf(tab?.url);
      if (tab?.id === undefined || !host) return;
      try {
        const [pageStatus, sites] = await Promise.all([
          sendMessage('page.status', { tabId: tab.id }),
          sendMessage('sites.list', {}),
        ]);
        if (pageStatus || sites.some((site) => site.host === host)) return;
        set({ status: { kind: 'offer', tabId: tab.id, host } });
      } catch {
        // Without the background's answer the popup offers nothing for the page.
      }
    },

    async useHere() {
      const { status } = get();
      if (status.kind !== 'offer' && status.kind !== 'denied' && status.kind !== 'failed') return;
      const { tabId, host } = status;
      const asking = requestOrigins([sitePattern(host)]);
      set({ status: { kind: 'adding', tabId, host } });
      try {
        if (!(await asking)) {
          set({ status: { kind: 'denied', tabId, host } });
          return;
        }
        const result = await sendMessage('sites.add', { kind: 'any-page', host, tabId });
        set({
          status: { kind: result.ok ? 'added' : result.reason === 'built_in' ? 'builtIn' : 'denied', tabId, host },
        });
      } catch (error) {
        set({ status: { kind: 'failed', tabId, host, message: problemOf(error).message } });
      }
    },
  }));
}
