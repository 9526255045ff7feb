import type { ContactRef } from '../../schemas';
import { urlMatcher } from '../shared/match-pattern';
import { queryFirst, visibleText } from '../shared/query';
import type { SiteAdapter } from '../shared/site-adapter';
import { platformPeerId } from '../shared/telegram-peer-id';
import { chatIdFromHash } from './chat-hash';
import { readIncomingMessages } from './incoming';
import { TELEGRAM_A_MATCHES } from './matches';
import {
  ACTIVE_SLIDE,
  CHAT_ATTRIBUTES,
  CHAT_INFO,
  DARK_THEME_CLASSES,
  HEADER,
  HEADER_AVATAR,
  HEADER_TOOLS,
  MIDDLE_COLUMN,
  TITLE,
  TOPIC_ICON,
} from './selectors';

const DISPLAY_NAME_MAX = 256;

export const telegramA: SiteAdapter = {
  id: 'telegram-a',
  label: 'Telegram Web A',
  matches: TELEGRAM_A_MATCHES,
  matchesUrl: urlMatcher(TELEGRAM_A_MATCHES),
  darkThemeClasses: DARK_THEME_CLASSES,
  chatAttributes: CHAT_ATTRIBUTES,
  readContact,
  findMountPoint: (doc) => {
    const header = queryFirst(doc, HEADER);
    return header && queryFirst(header, HEADER_TOOLS);
  },
  conversationRoot: (doc) => queryFirst(doc, MIDDLE_COLUMN),
  readIncomingMessages,
};

/**
 * The peer named by the header's active slide. Its avatar and the URL hash must agree when both name a chat:
 * telegram-tt renders the header first and writes the hash a frame later, so a disagreement is a switch under way
 * and is read again on the next change. A topic's header has no avatar, and the hash alone names its chat.
 * telegram-tt shows no username in the header, so none is reported.
 */
function readContact(doc: Document, url: URL): ContactRef | undefined {
  const chatInfo = activeChatInfo(doc);
  if (!chatInfo) return undefined;
  const externalId = platformPeerId(agreedPeerId(chatInfo, url));
  if (!externalId) return undefined;
  const displayName = peerName(chatInfo);
  return { channel: 'telegram', externalId, ...(displayName && { displayName }) };
}

/** Undefined while no chat is open, mid-animation (no slide active yet) and in views whose header names no peer. */
function activeChatInfo(doc: Document): Element | undefined {
  const header = queryFirst(doc, HEADER);
  const slide = header && queryFirst(header, ACTIVE_SLIDE);
  return slide && queryFirst(slide, CHAT_INFO);
}

function agreedPeerId(chatInfo: Element, url: URL): string | undefined {
  const avatarPeerId = queryFirst(chatInfo, HEADER_AVATAR)?.getAttribute('data-peer-id') ?? undefined;
  const hashPeerId = chatIdFromHash(url.hash);
  if (avatarPeerId !== undefined && hashPeerId !== undefined && avatarPeerId !== hashPeerId) return undefined;
  return avatarPeerId ?? hashPeerId;
}

/** A topic's header shows the topic's title, which is not the name of the chat the lead is in. */
function peerName(chatInfo: Element): string | undefined {
  if (queryFirst(chatInfo, TOPIC_ICON)) return undefined;
  const title = queryFirst(chatInfo, TITLE);
  return title ? visibleText(title).slice(0, DISPLAY_NAME_MAX) || undefined : undefined;
}
