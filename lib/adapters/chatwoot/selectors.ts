import type { SelectorList } from '../shared/query';

/*
 * Every selector the Chatwoot adapter uses, newest dashboard first. "Seen" names the file of
 * github.com/chatwoot/chatwoot (app/javascript/dashboard/…) and the commit it was read at: the v4 dashboard
 * (components-next: ContactInfo.vue 00b18497, ContactPanel.vue 01b36894, ConversationBox.vue 00bfadb7,
 * InboxName.vue 06611063, components-next/icon/provider.js 13a9f259, 2025–2026) and the v3 one it replaced
 * (ConversationHeader.vue 604c592e and Thumbnail.vue 00be7cdb, 2024). Chatwoot styles with Tailwind utilities;
 * the selectors below are the few semantic class names that have survived every redesign since 2020.
 */

/** ConversationBox's root: the header, the messages and the contact panel of the open conversation. Seen: 00bfadb7. */
export const CONVERSATION_ROOT: SelectorList = ['.conversation-details-wrap'];

/**
 * The header's second line (inbox name, snoozed until…); the line above it holds the contact's name.
 * Seen: ConversationHeader.vue 604c592e (v3) and the v4 header alike; the class dates from 2020.
 */
export const HEADER_SUBTITLE: SelectorList = ['.conversation--header--actions'];

/** The header's right-hand actions (SLA, Linear, resolve/more): where the Tracker Data button goes. Same since 2020. */
export const HEADER_ACTIONS: SelectorList = ['.header-actions-wrap'];

/** The messages list, shown whenever a conversation is open (even while its header is being rebuilt). Since 2019. */
export const MESSAGES_LIST: SelectorList = ['.conversation-panel'];

/**
 * The conversation's source, as the header shows it. v4: InboxName's ChannelIcon, a `<span class="i-woot-…">`
 * (provider.js 13a9f259; a Twilio WhatsApp inbox also gets i-woot-whatsapp), drawn when the account has more than one
 * inbox. v3: the avatar's source badge `<img class="source-badge" src="/integrations/channels/badges/telegram.png">`
 * (Thumbnail.vue 00be7cdb).
 */
export const TELEGRAM_SOURCE: SelectorList = ['.i-woot-telegram', 'img.source-badge[src$="/badges/telegram.png"]'];
export const WHATSAPP_SOURCE: SelectorList = ['.i-woot-whatsapp', 'img.source-badge[src$="/badges/whatsapp.png"]'];

/** The contact panel's name heading, a cross-check of the header's name. Seen: ContactInfo.vue 00b18497 (v4), v3 `h3.contact--name`. */
export const PANEL_NAME: SelectorList = ['h3'];

/**
 * The contact panel's link to the contact's page, `/app/accounts/<account>/contacts/<contact id>` (relative, so a
 * link in a message, always absolute, never matches). Seen: ContactInfo.vue contactProfileLink, 00b18497.
 */
export const PROFILE_LINK: SelectorList = ['a[href^="/app/accounts/"][href*="/contacts/"]'];
export const PROFILE_LINK_PATH = /^\/app\/accounts\/\d+\/contacts\/(\d+)\/?$/;

/** The phone row: ContactInfoRow with `href="tel:…"`. Seen: ContactInfo.vue 00b18497 (and every version since 2020). */
export const PHONE_LINK: SelectorList = ['a[href^="tel:"]'];

/**
 * The identifier row's icon: EmojiOrIcon gives the fluent icon the icon's name as a class (`contact-identify`), or in
 * the emoji icon setting draws 🪪 in `i.icon--emoji`. Seen: ContactInfo.vue 00b18497, EmojiOrIcon.vue 86ba911d.
 */
export const IDENTIFIER_ICON: SelectorList = ['.contact-identify', 'i.icon--emoji'];
export const EMOJI_ICON_CLASS = 'icon--emoji';
export const IDENTIFIER_EMOJI = '🪪';

/** A Telegram social profile link (`https://t.me/<username>`), from additional_attributes.social_telegram_user_name. */
export const TELEGRAM_PROFILE_LINK: SelectorList = ['a[href^="https://t.me/"]'];

/**
 * The contact's messages in the open conversation, oldest loaded first. v4: every message is a
 * `div.message-bubble-container[data-message-id]` whose flex class follows its orientation — `justify-start` for the
 * contact's, `justify-end` for agents' and bots', `justify-center` for activity — and whose bubble carries
 * `left-bubble`/`right-bubble`; the meta row (time, status) is the `[grid-area:meta]` cell. Seen: components-next/
 * message/Message.vue 47a51cc9 (2026; orientation from isBotOrAgentMessage). v3: `ul.conversation-panel > li.left`
 * (incoming) / `li.right`, text in `.message-text__wrap`, time in `.time` (Message.vue 2020–2024).
 */
export const INCOMING_MESSAGES: SelectorList = [
  '.message-bubble-container[data-message-id].justify-start',
  '.conversation-panel > li.left',
];
export const MESSAGE_TEXT: SelectorList = ['.left-bubble', '.message-text__wrap'];
export const MESSAGE_TIME: SelectorList = ['[class*="[grid-area:meta]"]', '.time'];

/** The dark theme: Tailwind's `dark` class, on `html` or `body`. Checked 2026-11. */
export const DARK_THEME_CLASSES: readonly string[] = ['dark'];
