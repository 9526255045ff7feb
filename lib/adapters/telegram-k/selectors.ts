import type { SelectorList } from '../shared/query';

/*
 * Every selector the Telegram Web K adapter uses, newest page variant first.
 * "seen" names the tweb source (github.com/morethanwords/tweb) the structure was read from: upstream up to
 * b16aaea77 (July 2026, as carried into teidesu/tweb eb57231 of 2026-07-20), cross-checked against upstream
 * index.html 0973fea0, src/components/chat/topbar.ts 010f59fc and src/components/chat/chat.ts 007f3572.
 */

/** `#column-center` holds every open chat; it lives for the whole session. Seen: index.html 0973fea0 (2026). */
export const CENTER_COLUMN: SelectorList = ['#column-center'];

/**
 * The chat being shown. tweb keeps a stack of `.chat.tabs-tab` nodes in `.chats-container`; switching moves the
 * `active` class, and a chat being left stays in the DOM without it for ~350 ms until it is destroyed.
 * Seen: appImManager chatsSelectTab/spliceChats, b16aaea77 (2026-07). Fallback: builds before `.chats-container`.
 */
export const ACTIVE_CHAT: SelectorList = [
  '#column-center > .chats-container > .chat.active',
  '#column-center .chat.active',
];

/** Chat types whose header names a peer; pinned, scheduled, discussion, saved and stories views do not. */
export const PEER_CHAT_TYPES: readonly string[] = ['chat'];

/** The header, `.sidebar-header.topbar`, given the class `hide` while the chat has no peer. Seen: topbar.ts 010f59fc. */
export const HEADER: SelectorList = ['.sidebar-header.topbar', '.topbar'];
export const HIDDEN_CLASS = 'hide';

/**
 * The header title: `.chat-info .user-title` holds a `span.peer-title` whose data-peer-id is the open peer.
 * Seen: topbar.ts setTitleManual + peerTitle.ts, b16aaea77 (2026-07); unchanged since 2021.
 */
export const HEADER_TITLE: SelectorList = ['.chat-info .user-title .peer-title[data-peer-id]'];

/** With title icons (verified, premium) the name sits in `.peer-title-inner`. Seen: peerTitle.ts b16aaea77. */
export const TITLE_NAME: SelectorList = ['.peer-title-inner'];

/**
 * The header avatar, a cross-check of the title's peer. Seen: `div.avatar.person-avatar[data-peer-id]` from
 * avatarNew.tsx, b16aaea77 (2026-07); fallback: the `<avatar-element class="person-avatar">` of 2021–2022 builds,
 * which the same selector matches.
 */
export const HEADER_AVATAR: SelectorList = ['.chat-info .person-avatar[data-peer-id]'];

/** The header's button group (search, calls, menu): where the Tracker Data button goes. Seen: topbar.ts 010f59fc. */
export const HEADER_BUTTONS: SelectorList = ['.chat-info-container > .chat-utils', '.chat-utils'];

/**
 * The lead's messages in the active chat, oldest loaded first. tweb gives every bubble `is-in` or `is-out` from
 * `chat.isOutMessage` (the manager's own are `is-out`), and service bubbles (dates, joins) carry `service`; a bubble's
 * text sits in `.message`, which also holds the `.time` (with a `.time-inner` copy titled with the full date) and inline
 * `.reactions`. Seen: src/components/chat/bubbles.ts 001922d0 and messageRender.ts (2026); `is-in`/`is-out` since 2020.
 */
export const INCOMING_BUBBLES = '.bubbles-inner .bubble.is-in:not(.service)';
export const BUBBLE_TEXT: SelectorList = ['.message'];
export const BUBBLE_TIME: SelectorList = ['.time-inner', '.time'];
export const NOT_BUBBLE_TEXT = '.time, .reactions';

/** The dark theme: `html.night`, set by tweb's themeController. Checked 2026-11. */
export const DARK_THEME_CLASSES: readonly string[] = ['night'];

/** The header's peer title and avatar are rewritten in place (`data-peer-id`) when a chat opens over another. */
export const CHAT_ATTRIBUTES: readonly string[] = ['data-peer-id'];
