import type { ContactRef } from '../../schemas';
import { urlMatcher } from '../shared/match-pattern';
import { queryFirst, visibleText } from '../shared/query';
import type { SiteAdapter } from '../shared/site-adapter';
import { platformPeerId } from '../shared/telegram-peer-id';
import { readIncomingMessages } from './incoming';
import { TELEGRAM_K_MATCHES } from './matches';
import {
  ACTIVE_CHAT,
  CENTER_COLUMN,
  CHAT_ATTRIBUTES,
  DARK_THEME_CLASSES,
  HEADER,
  HEADER_AVATAR,
  HEADER_BUTTONS,
  HEADER_TITLE,
  HIDDEN_CLASS,
  PEER_CHAT_TYPES,
  TITLE_NAME,
} from './selectors';

const DISPLAY_NAME_MAX = 256;

export const telegramK: SiteAdapter = {
  id: 'telegram-k',
  label: 'Telegram Web K',
  matches: TELEGRAM_K_MATCHES,
  matchesUrl: urlMatcher(TELEGRAM_K_MATCHES),
  darkThemeClasses: DARK_THEME_CLASSES,
  chatAttributes: CHAT_ATTRIBUTES,
  readContact,
  findMountPoint: (doc) => {
    const header = activeHeader(doc);
    return header && queryFirst(header, HEADER_BUTTONS);
  },
  conversationRoot: (doc) => queryFirst(doc, CENTER_COLUMN),
  readIncomingMessages,
};

/**
 * The peer of the active chat's header. The title's peer id must agree with the avatar's when both are drawn:
 * they are set together, so a disagreement means the header is half rebuilt and is read again on the next change.
 */
function readContact(doc: Document, url: URL): ContactRef | undefined {
  const header = peerHeader(doc);
  const title = header && queryFirst(header, HEADER_TITLE);
  if (!header || !title) return undefined;
  const peerId = title.getAttribute('data-peer-id');
  const avatarPeerId = queryFirst(header, HEADER_AVATAR)?.getAttribute('data-peer-id');
  if (avatarPeerId !== undefined && avatarPeerId !== peerId) return undefined;
  const externalId = platformPeerId(peerId);
  if (!externalId) return undefined;
  const displayName = visibleText(queryFirst(title, TITLE_NAME) ?? title).slice(0, DISPLAY_NAME_MAX);
  const username = usernameFromHash(url.hash);
  return {
    channel: 'telegram',
    externalId,
    ...(displayName && { displayName }),
    ...(username && { username }),
  };
}

/** The header of the chat being shown, never that of a chat still animating out; hidden while no peer is open. */
function activeHeader(doc: Document): Element | undefined {
  const chat = queryFirst(doc, ACTIVE_CHAT);
  const header = chat && queryFirst(chat, HEADER);
  return header && !header.classList.contains(HIDDEN_CLASS) ? header : undefined;
}

/** Only a chat with a peer names one in its header: pinned, scheduled and the like show a caption instead. */
function peerHeader(doc: Document): Element | undefined {
  const type = queryFirst(doc, ACTIVE_CHAT)?.getAttribute('data-type');
  return type === null || (type !== undefined && PEER_CHAT_TYPES.includes(type)) ? activeHeader(doc) : undefined;
}

/** tweb shows `#@username` for a peer that has one (else `#<peer id>`); Telegram usernames are 4–32 of [A-Za-z0-9_]. */
function usernameFromHash(hash: string): string | undefined {
  return /^#@([A-Za-z0-9_]{4,32})$/.exec(hash)?.[1];
}
