import type { ContactRef, IncomingMessage, UnidentifiedChat } from '../../schemas';

export type { UnidentifiedChat };

/**
 * One chat app, as pure DOM code: which contact is open and where the Tracker Data button goes.
 * Adapters know nothing of messaging, storage or React, so each is tested against saved page structures alone.
 */
export interface SiteAdapter {
  /** Folder name under lib/adapters/, e.g. `telegram-k`. */
  readonly id: string;
  /** Shown to managers, e.g. `Telegram Web K`. */
  readonly label: string;
  /** Manifest match patterns of the content script for this site. */
  readonly matches: readonly string[];
  /** Set for sites the manager adds (their patterns are registered at run time, so `matches` may be empty). */
  readonly registeredAtRunTime?: boolean;
  /**
   * The classes the app sets on `<html>` or `<body>` for its dark theme: without one it is light, whatever the system
   * prefers. Undefined for a page that marks none: the panel then goes by how dark the page's background is.
   */
  readonly darkThemeClasses?: readonly string[];
  /**
   * Attributes that can change in place to show another chat (a peer id rewritten, a selected row moved), watched
   * besides `class` and `hidden` inside the conversation root.
   */
  readonly chatAttributes?: readonly string[];
  /** Whether this adapter handles the page; adapters sharing an origin must reject each other's URLs. */
  matchesUrl(url: URL): boolean;
  /** The open chat's contact, or undefined when no chat is open or it cannot be read (never a guess). */
  readContact(doc: Document, url: URL): ContactRef | undefined;
  /** Asked only when readContact found nobody: an open chat whose lead the page does not reveal. */
  readUnidentifiedChat?(doc: Document, url: URL): UnidentifiedChat | undefined;
  /** The element the Tracker Data button is appended to, or undefined when the header is not there. */
  findMountPoint(doc: Document): Element | undefined;
  /** The part of the page that changes when the manager switches chats (observed for changes). */
  conversationRoot(doc: Document): Element | undefined;
  /**
   * The lead's own messages in the open chat, the first `limit` the page has loaded, oldest first: never the manager's
   * (outgoing) ones, never more than asked. Read only when the panel asks (a contact without a click id and a team
   * pattern to match); what the chat has not loaded is not there to read.
   */
  readIncomingMessages?(doc: Document, limit: number): IncomingMessage[];
}
