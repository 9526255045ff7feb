import type { ContactRef } from '../../schemas';
import { urlMatcher } from '../shared/match-pattern';
import { queryFirst, visibleText } from '../shared/query';
import type { SiteAdapter, UnidentifiedChat } from '../shared/site-adapter';
import { readIncomingMessages } from './incoming';
import { WHATSAPP_MATCHES } from './matches';
import { chatJidOfMessageKey, isJid, phoneOfJid } from './jid';
import {
  APP_ROOT,
  AVATAR_JID_PARAM,
  CHAT_ATTRIBUTES,
  CONVERSATION,
  DARK_THEME_CLASSES,
  HEADER,
  HEADER_AVATAR_WITH_JID,
  HEADER_BUTTON,
  HEADER_TITLE,
  MESSAGE_ROWS,
} from './selectors';

const DISPLAY_NAME_MAX = 256;

export const whatsapp: SiteAdapter = {
  id: 'whatsapp',
  label: 'WhatsApp Web',
  matches: WHATSAPP_MATCHES,
  matchesUrl: urlMatcher(WHATSAPP_MATCHES),
  darkThemeClasses: DARK_THEME_CLASSES,
  chatAttributes: CHAT_ATTRIBUTES,
  readContact,
  readUnidentifiedChat,
  findMountPoint: (doc) => {
    const header = queryFirst(doc, HEADER);
    return header && buttonGroup(header);
  },
  /** #main is replaced on every switch, so its parent is watched; before any chat is open, the whole app. */
  conversationRoot: (doc) => queryFirst(doc, CONVERSATION)?.parentElement ?? queryFirst(doc, APP_ROOT),
  readIncomingMessages,
};

/** A person reachable by phone number: their digits, the id the platform knows a WhatsApp lead by. */
function readContact(doc: Document): ContactRef | undefined {
  const jid = openChatJid(doc);
  const externalId = jid && phoneOfJid(jid);
  if (!externalId) return undefined;
  const displayName = headerName(doc);
  return { channel: 'whatsapp', externalId, ...(displayName && { displayName }) };
}

/** A group, a privacy id (`@lid`) or any other chat without a phone: known by its jid, so the manager is asked once. */
function readUnidentifiedChat(doc: Document): UnidentifiedChat | undefined {
  const jid = openChatJid(doc);
  if (!jid || phoneOfJid(jid)) return undefined;
  const displayName = headerName(doc);
  return { channel: 'whatsapp', chatKey: jid, ...(displayName && { displayName }) };
}

/**
 * The jid of the open chat, from what #main shows of it: every message row's key names the chat, and builds that
 * still put it in the header avatar's URL name it there too. All must agree — #main only ever holds one chat, so a
 * disagreement means a conversation half rebuilt, read again on the next change. A chat showing no message yet (and
 * no jid in its avatar) is not guessed from its title: names are neither unique nor stable, and an id remembered
 * under a name would follow it to the next lead who shares it. It is read once its first message appears.
 */
function openChatJid(doc: Document): string | undefined {
  if (!queryFirst(doc, HEADER)) return undefined;
  const jids = new Set<string>();
  doc.querySelectorAll(MESSAGE_ROWS).forEach((row) => {
    const jid = chatJidOfMessageKey(row.getAttribute('data-id'));
    if (jid) jids.add(jid);
  });
  const avatarJid = headerAvatarJid(doc);
  if (avatarJid) jids.add(avatarJid);
  return jids.size === 1 ? [...jids][0] : undefined;
}

function headerAvatarJid(doc: Document): string | undefined {
  const header = queryFirst(doc, HEADER);
  const src = header && queryFirst(header, HEADER_AVATAR_WITH_JID)?.getAttribute('src');
  if (!src) return undefined;
  try {
    const jid = new URL(src, 'https://web.whatsapp.com/').searchParams.get(AVATAR_JID_PARAM);
    return isJid(jid) ? jid : undefined;
  } catch {
    return undefined;
  }
}

/** The title as WhatsApp shows it (a saved name, a push name, or a formatted number); `title` holds it untruncated. */
function headerName(doc: Document): string | undefined {
  const header = queryFirst(doc, HEADER);
  const title = header && queryFirst(header, HEADER_TITLE);
  if (!title) return undefined;
  const name = (title.getAttribute('title')?.trim() || visibleText(title)).slice(0, DISPLAY_NAME_MAX);
  return name || undefined;
}

/**
 * The header's buttons (search, menu; calls in newer builds) sit in its last element child, after the avatar and the
 * title. No class names it, so it is found by shape: the last child, holding a button and not the title. A header
 * without it (a layout we do not know) gives no mount point, and the floating button is used instead.
 */
function buttonGroup(header: Element): Element | undefined {
  const group = header.lastElementChild;
  const title = queryFirst(header, HEADER_TITLE);
  if (!group || (title && group.contains(title))) return undefined;
  return queryFirst(group, HEADER_BUTTON) ? group : undefined;
}
