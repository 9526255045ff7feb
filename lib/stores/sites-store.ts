import { createStore, type StoreApi } from 'zustand/vanilla';
import { sendMessage } from '../messaging/client';
import { chatwootDomainOf, sitePattern, type AddedSite, type ChatwootDomainProblem } from '../schemas';
import { problemOf } from './problem';

/** What the last change did, for the page to say: added, removed, or why a domain was not added. */
export type SitesOutcome =
  { kind: 'added' | 'removed' | 'denied' | 'builtIn'; host: string } | { kind: 'failed'; message: string };

export interface SitesState {
  /** Undefined until the background answers. */
  sites: AddedSite[] | undefined;
  /** The Chatwoot domain as typed, and what is wrong with it. */
  domain: string;
  domainError: ChatwootDomainProblem | undefined;
  busy: boolean;
  outcome: SitesOutcome | undefined;

  load(): Promise<void>;
  editDomain(text: string): void;
  addChatwootDomain(): Promise<boolean>;
  remove(host: string): Promise<void>;
}

export type SitesStore = StoreApi<SitesState>;

export interface SitesStoreDeps {
  /** `browser.permissions.request` for these origins; called first thing in the click, or the browser will not ask. */
  requestOrigins: (origins: string[]) => Promise<boolean>;
}

/** The options page's sites: self-hosted Chatwoot domains the manager adds, and the pages added from the popup. */
export function createSitesStore({ requestOrigins }: SitesStoreDeps): SitesStore {
  const store = createStore<SitesState>()((set, get) => ({
    sites: undefined,
    domain: '',
    domainError: undefined,
    busy: false,
    outcome: undefined,

    async load() {
      try {
        set({ sites: await sendMessage('sites.list', {}) });
      } catch (error) {
        set({ sites: [], outcome: { kind: 'failed', message: problemOf(error).message } });
      }
    },

    editDomain(text) {
      set({ domain: text, domainError: undefined, outcome: undefined });
    },

    async addChatwootDomain() {
      if (get().busy) return false;
      const parsed = chatwootDomainOf(get().domain);
      if (!parsed.ok) {
        set({ domainError: parsed.problem, outcome: undefined });
        return false;
      }
      const { host } = parsed;
      const asking = requestOrigins([sitePattern(host)]);
      set({ busy: true, domainError: undefined, outcome: undefined });
      try {
        if (!(await asking)) {
          set({ outcome: { kind: 'denied', host } });
          return false;
        }
        const result = await sendMessage('sites.add', { kind: 'chatwoot', host });
        if (!result.ok) {
          set({ outcome: { kind: result.reason === 'built_in' ? 'builtIn' : 'denied', host } });
          return false;
        }
        set({ sites: result.sites, domain: '', outcome: { kind: 'added', host } });
        return true;
      } catch (error) {
        set({ outcome: { kind: 'failed', message: problemOf(error).message } });
        return false;
      } finally {
        set({ busy: false });
      }
    },

    async remove(host) {
      if (get().busy) return;
      set({ busy: true, outcome: undefined });
      try {
        set({ sites: await sendMessage('sites.remove', { host }), outcome: { kind: 'removed', host } });
      } catch (error) {
        set({ outcome: { kind: 'failed', message: problemOf(error).message } });
      } finally {
        set({ busy: false });
      }
    },
  }));
  void store.getState().load();
  return store;
}
