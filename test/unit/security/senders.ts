import { randomUUID } from 'node:crypto';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentScriptMatches } from '../../../lib/adapters/site-matches';
import { trustedPagePredicate } from '../../../lib/background/trusted-pages';
import { messages, type MessageName } from '../../../lib/schemas';
import { DEMO, deposit } from '../background/support';

export type Sender = Browser.runtime.MessageSender;

export const EXTENSION_ID = fakeBrowser.runtime.id;
export const OTHER_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const TAB = {
  id: 7,
  index: 0,
  windowId: 1,
  highlighted: true,
  active: true,
  pinned: false,
  incognito: false,
} as Browser.tabs.Tab;

/** A content script of extension `id` in a tab showing `url`, as Chrome describes the sender. */
export const contentScript = (url: string, id = EXTENSION_ID): Sender => ({ id, url, tab: { ...TAB, url } });

export const popup: Sender = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
export const optionsPage: Sender = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` };
export const telegramK = contentScript('https://web.telegram.org/k/#777001');

/** Senders the background must answer with `forbidden`, whatever they send. */
export const FORGED: Readonly<Record<string, Sender>> = {
  'another extension’s page': { id: OTHER_EXTENSION_ID, url: `chrome-extension://${OTHER_EXTENSION_ID}/popup.html` },
  'another extension’s content script on Telegram K': contentScript('https://web.telegram.org/k/', OTHER_EXTENSION_ID),
  'a sender with no id': { url: popup.url },
  'our id with no URL': { id: EXTENSION_ID, tab: TAB },
  'our id on Telegram K but not in a tab (no content script is)': {
    id: EXTENSION_ID,
    url: 'https://web.telegram.org/k/',
  },
  'a content script on a page not in the matches': contentScript('https://evil.example/k/'),
  'a content script on a look-alike host': contentScript('https://web.telegram.org.evil.example/k/'),
  'a content script on Telegram over plain http': contentScript('http://web.telegram.org/k/'),
  'a content script on another Telegram app': contentScript('https://web.telegram.org/z/'),
  'a tab showing another extension’s page': contentScript(`chrome-extension://${OTHER_EXTENSION_ID}/popup.html`),
  'an empty sender': {},
};

export const routerOptions = { isTrustedContentPage: trustedPagePredicate(contentScriptMatches) };

export const EXTENSION_ONLY = (Object.keys(messages) as MessageName[]).filter(
  (name) => messages[name].from === 'extension',
);
export const FOR_CONTENT = (Object.keys(messages) as MessageName[]).filter((name) => messages[name].from === 'content');

export interface SampleContext {
  sandboxUrl: string;
  /** An outbox record the platform refused as deposit_exists, for the redeposit and dismiss messages. */
  refusedDepositId: string;
}

/**
 * A valid request for every message of the map, so a refusal in these tests is the sender's doing, never the shape's.
 * Typed over the whole map: a new message does not compile here until someone decides how it is tested for leaks.
 */
export function sampleRequests(context: SampleContext): Record<MessageName, unknown> {
  return {
    'session.get': {},
    'session.signIn': DEMO,
    'session.signOut': {},
    'contact.lookup': { channel: 'telegram', externalId: '777001' },
    'deliveries.failed': {},
    'event.submit': deposit(),
    'event.resendAsRedeposit': { id: context.refusedDepositId, newId: randomUUID() },
    'outbox.setAside': {},
    'outbox.restoreSetAside': {},
    'outbox.forOtherPlatforms': {},
    'outbox.dismissForPlatform': { apiUrl: 'https://old-platform.example' },
    'outbox.list': {},
    'outbox.summary': {},
    'outbox.log': {},
    'outbox.retry': { id: context.refusedDepositId },
    'outbox.dismiss': { id: context.refusedDepositId },
    'outbox.heldForOthers': {},
    'outbox.adopt': { operatorId: 'op_second' },
    'chat.recall': { channel: 'web', chatKey: 'support-chat' },
    'chat.remember': { channel: 'web', chatKey: 'support-chat', externalId: 'lead-1' },
    'page.report': { site: 'Telegram Web K', mount: 'header', contact: 'read' },
    'page.status': { tabId: 7 },
    'sites.list': {},
    'sites.add': { kind: 'chatwoot', host: 'chat.example.com' },
    'sites.remove': { host: 'chat.example.com' },
    'sites.forPage': {},
    'settings.get': {},
    'currencies.recent': {},
    'settings.save': { apiUrl: context.sandboxUrl, defaultCurrency: 'EUR' },
    'team.settings': {},
    'contact.linkClickId': { channel: 'telegram', externalId: '777001', trackerData: { clickId: 'ab12cd34' } },
  };
}

/** The sender each message is meant to come from: the popup for extension-only ones, Telegram K's content script else. */
export const rightfulSender = (name: MessageName): Sender => (messages[name].from === 'extension' ? popup : telegramK);
