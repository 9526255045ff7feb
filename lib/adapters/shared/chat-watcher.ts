import type { ContactRef } from '../../schemas';
import { sameContact } from './same-contact';
import type { SiteAdapter, UnidentifiedChat } from './site-adapter';

/** What the content script needs to know about the page: who is open, and where the button goes. */
export interface ChatState {
  readonly contact: ContactRef | undefined;
  /** Set only when no contact could be read but a chat is open: the manager will be asked who it is. */
  readonly unidentified: UnidentifiedChat | undefined;
  readonly mountPoint: Element | undefined;
}

export interface WatchChatOptions {
  readonly adapter: SiteAdapter;
  /** Called with the first state, then only when the contact (by value) or the mount point (by identity) changed. */
  readonly onChange: (state: ChatState) => void;
  readonly document?: Document;
  /** How long mutations are gathered before the page is read again; keeps a chat switch well inside 100 ms. */
  readonly settleMs?: number;
  /** Slow re-read for what nothing announces: an ancestor of the root replaced, a URL set without an event. */
  readonly backstopMs?: number;
  /** The URL the adapter reads the page as; the page's own location unless a demo page stands in for the app. */
  readonly pageUrl?: (href: string) => URL;
}

export const DEFAULT_SETTLE_MS = 16;
export const DEFAULT_BACKSTOP_MS = 1000;
/** What any app may change in place to show another chat (an active class moved, a pane hidden); sites add their own. */
export const WATCHED_ATTRIBUTES: readonly string[] = ['class', 'hidden'];

/** One reading of the page through an adapter; also what Save uses to know the contact at the moment it is pressed. */
export function readChatState(adapter: SiteAdapter, doc: Document, url: URL): ChatState {
  const contact = adapter.readContact(doc, url);
  const unidentified = contact ? undefined : adapter.readUnidentifiedChat?.(doc, url);
  return { contact, unidentified, mountPoint: adapter.findMountPoint(doc) };
}

/**
 * The one change detector every adapter uses. It observes the adapter's conversation root (the body until that
 * exists, and whatever replaces it later); on the first mutation it stops observing, waits `settleMs`, observes
 * again and re-reads the page. Chat apps switch chats with `history.pushState`, which an isolated world cannot hook,
 * so the URL is simply read again on every batch, on popstate/hashchange/pageshow, and by the backstop timer. Returns
 * a function that stops everything.
 */
export function watchChat(options: WatchChatOptions): () => void {
  const doc = options.document ?? document;
  const win = windowOf(doc);
  const { adapter, onChange } = options;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const observeOptions: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: [...WATCHED_ATTRIBUTES, ...(adapter.chatAttributes ?? [])],
  };

  let last: ChatState | undefined;
  let observedRoot: Element | undefined;
  let timer: number | undefined;
  let stopped = false;

  const observer = new win.MutationObserver(() => {
    // Until the page is read again nothing more needs hearing, and a busy chat makes a record of every mutation
    // for an observer that listens: it listens again just before the page is read.
    observer.disconnect();
    observedRoot = undefined;
    schedule();
  });
  const navigationEvents = ['popstate', 'hashchange', 'pageshow'] as const;
  navigationEvents.forEach((type) => win.addEventListener(type, schedule));
  const backstop = win.setInterval(schedule, options.backstopMs ?? DEFAULT_BACKSTOP_MS);
  schedule();

  function schedule(): void {
    if (stopped || timer !== undefined) return;
    timer = win.setTimeout(check, settleMs);
  }

  function check(): void {
    timer = undefined;
    if (stopped) return;
    followRoot();
    const state = readChatState(
      adapter,
      doc,
      (options.pageUrl ?? ((href: string) => new URL(href)))(win.location.href),
    );
    if (last && sameChat(last, state) && last.mountPoint === state.mountPoint) return;
    last = state;
    onChange(state);
  }

  /** Watching the root's parent too tells us at once when the app replaces the root itself. */
  function followRoot(): void {
    const root = adapter.conversationRoot(doc) ?? doc.body ?? doc.documentElement;
    if (root === observedRoot) return;
    observer.disconnect();
    observer.observe(root, observeOptions);
    if (root.parentNode) observer.observe(root.parentNode, { childList: true });
    observedRoot = root;
  }

  return () => {
    stopped = true;
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
    win.clearInterval(backstop);
    navigationEvents.forEach((type) => win.removeEventListener(type, schedule));
  };
}

function windowOf(doc: Document): Window & typeof globalThis {
  const win = doc.defaultView;
  if (!win) throw new Error('watchChat needs a document that is shown in a window');
  return win;
}

function sameChat(a: ChatState, b: ChatState): boolean {
  return (
    sameContact(a.contact, b.contact) &&
    a.unidentified?.chatKey === b.unidentified?.chatKey &&
    a.unidentified?.displayName === b.unidentified?.displayName
  );
}
