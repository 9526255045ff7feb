import { sitePattern, type ContactRef } from '../../schemas';
import { urlMatcher } from '../shared/match-pattern';
import { queryFirst } from '../shared/query';
import type { SiteAdapter, UnidentifiedChat } from '../shared/site-adapter';
import { conversationKey, conversationOf } from './conversation-url';
import { isConversationShown, readContactPanel, readHeader } from './conversation-view';
import { readIncomingMessages } from './incoming';
import { leadIdOf } from './lead-id';
import { CHATWOOT_MATCHES } from './matches';
import { CONVERSATION_ROOT, DARK_THEME_CLASSES } from './selectors';

const DISPLAY_NAME_MAX = 256;

/**
 * The Chatwoot dashboard at app.chatwoot.com and at the self-hosted hosts given (an added host is matched on https,
 * any port, exactly as its registered content script is).
 */
export function createChatwootAdapter(addedHosts: readonly string[] = []): SiteAdapter {
  const matchesUrl = urlMatcher([...CHATWOOT_MATCHES, ...addedHosts.map(sitePattern)]);
  return {
    id: 'chatwoot',
    label: 'Chatwoot',
    matches: CHATWOOT_MATCHES,
    matchesUrl,
    darkThemeClasses: DARK_THEME_CLASSES,
    readContact: (doc, url) => {
      const open = readOpenConversation(doc, url);
      return open?.kind === 'contact' ? open.contact : undefined;
    },
    readUnidentifiedChat: (doc, url) => {
      const open = readOpenConversation(doc, url);
      return open?.kind === 'unidentified' ? open.chat : undefined;
    },
    findMountPoint: (doc) => {
      const root = queryFirst(doc, CONVERSATION_ROOT);
      return root && readHeader(root)?.actions;
    },
    conversationRoot: (doc) => queryFirst(doc, CONVERSATION_ROOT),
    readIncomingMessages,
  };
}

export const chatwoot = createChatwootAdapter();

type OpenConversation = { kind: 'contact'; contact: ContactRef } | { kind: 'unidentified'; chat: UnidentifiedChat };

/**
 * The conversation the URL names, as the page shows it: the name from the header, the lead's id from the contact
 * panel by the conversation's source. Undefined when no conversation is shown, and while Vue swaps one contact for the
 * next (the header and the panel name different people for a frame): the next change settles it. Unidentified when
 * the page does not show the lead's id (contact panel closed, no Telegram id on the contact).
 */
function readOpenConversation(doc: Document, url: URL): OpenConversation | undefined {
  const conversation = conversationOf(url);
  const root = conversation && queryFirst(doc, CONVERSATION_ROOT);
  if (!conversation || !root || !isConversationShown(root)) return undefined;
  const header = readHeader(root);
  const panel = readContactPanel(root);
  if (panel.name && header?.name && panel.name !== header.name) return undefined;
  const source = header?.source ?? 'web';
  const displayName = (header?.name ?? panel.name)?.slice(0, DISPLAY_NAME_MAX);
  const externalId = header && leadIdOf(source, panel);
  if (!externalId) {
    return {
      kind: 'unidentified',
      chat: { channel: source, chatKey: conversationKey(url, conversation), ...(displayName && { displayName }) },
    };
  }
  const username = source === 'telegram' ? panel.telegramUsername : undefined;
  return {
    kind: 'contact',
    contact: { channel: source, externalId, ...(displayName && { displayName }), ...(username && { username }) },
  };
}
