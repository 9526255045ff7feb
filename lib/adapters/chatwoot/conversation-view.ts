import type { Channel } from '../../schemas';
import { queryFirst, visibleText, type SelectorList } from '../shared/query';
import {
  HEADER_ACTIONS,
  HEADER_SUBTITLE,
  EMOJI_ICON_CLASS,
  IDENTIFIER_EMOJI,
  IDENTIFIER_ICON,
  MESSAGES_LIST,
  PANEL_NAME,
  PHONE_LINK,
  PROFILE_LINK,
  PROFILE_LINK_PATH,
  TELEGRAM_PROFILE_LINK,
  TELEGRAM_SOURCE,
  WHATSAPP_SOURCE,
} from './selectors';

/** The open conversation's header: the contact's name, where the conversation came from, the actions area. */
export interface ConversationHeader {
  readonly name: string | undefined;
  readonly source: Channel;
  readonly actions: Element | undefined;
}

/** What the contact panel shows of the contact, when the manager has it open. */
export interface ContactPanelFacts {
  readonly name?: string;
  readonly contactId?: string;
  readonly phone?: string;
  readonly identifier?: string;
  readonly telegramUsername?: string;
}

/** The header is the conversation root's child that holds the subtitle line (v3 and v4 alike). */
export function readHeader(root: Element): ConversationHeader | undefined {
  const subtitle = queryFirst(root, HEADER_SUBTITLE);
  const header = subtitle && [...root.children].find((child) => child.contains(subtitle));
  if (!subtitle || !header) return undefined;
  const nameLine = subtitle.previousElementSibling;
  return {
    name: (nameLine && visibleText(nameLine)) || undefined,
    source: sourceOf(header),
    actions: queryFirst(header, HEADER_ACTIONS),
  };
}

function sourceOf(header: Element): Channel {
  if (queryFirst(header, TELEGRAM_SOURCE)) return 'telegram';
  if (queryFirst(header, WHATSAPP_SOURCE)) return 'whatsapp';
  return 'web';
}

export function isConversationShown(root: Element): boolean {
  return queryFirst(root, HEADER_SUBTITLE) !== undefined || queryFirst(root, MESSAGES_LIST) !== undefined;
}

/**
 * The contact panel sits beside the messages inside the conversation root. A message can hold any markup a lead
 * sends (links, headings), so everything inside the messages list is ignored.
 */
export function readContactPanel(root: Element): ContactPanelFacts {
  const inPanel = (selectors: SelectorList) => panelElements(root, selectors);
  const profileLink = inPanel(PROFILE_LINK).find((link) => PROFILE_LINK_PATH.test(link.getAttribute('href') ?? ''));
  const name = profileLink && panelName(profileLink);
  const contactId = profileLink && PROFILE_LINK_PATH.exec(profileLink.getAttribute('href') ?? '')?.[1];
  const phone = inPanel(PHONE_LINK)[0]?.getAttribute('href')?.slice('tel:'.length);
  // Every row's icon is an `icon--emoji` in the emoji setting: only the 🪪 one is the identifier's.
  const identifierIcon = inPanel(IDENTIFIER_ICON).find(
    (icon) => !icon.classList.contains(EMOJI_ICON_CLASS) || visibleText(icon) === IDENTIFIER_EMOJI,
  );
  const identifierValue = identifierIcon?.nextElementSibling;
  const identifier = identifierValue ? visibleText(identifierValue) : undefined;
  const telegramUsername = /^https:\/\/t\.me\/([A-Za-z0-9_]{4,32})\/?$/.exec(
    inPanel(TELEGRAM_PROFILE_LINK)[0]?.getAttribute('href') ?? '',
  )?.[1];
  return {
    ...(name && { name }),
    ...(contactId && { contactId }),
    ...(phone && { phone: decodedOrRaw(phone) }),
    ...(identifier && { identifier }),
    ...(telegramUsername && { telegramUsername }),
  };
}

function panelElements(root: Element, selectors: SelectorList): Element[] {
  const messages = queryFirst(root, MESSAGES_LIST);
  return selectors
    .flatMap((selector) => [...root.querySelectorAll(selector)])
    .filter((element) => !messages?.contains(element));
}

/** The name heading sits beside the profile link (v4: in one row; v3: `.contact--name-wrap`). */
function panelName(profileLink: Element): string | undefined {
  let scope = profileLink.parentElement;
  for (let depth = 0; scope && depth < 3; depth += 1, scope = scope.parentElement) {
    const heading = queryFirst(scope, PANEL_NAME);
    if (heading) return visibleText(heading) || undefined;
  }
  return undefined;
}

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
