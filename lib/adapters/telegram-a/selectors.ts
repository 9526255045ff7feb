import type { SelectorList } from '../shared/query';

/*
 * Every selector the Telegram Web A adapter uses, newest page variant first.
 * "Seen" names the telegram-tt source (github.com/Ajaxy/telegram-tt) the structure was read from, on 2026-11-25, in
 * the stored snapshot: components/middle/MiddleHeader.tsx and ui/Transition.tsx at a49d36e5, middle/MiddleColumn.tsx
 * 6fc19741, common/Avatar.tsx db97c3e9, common/GroupChatInfo.tsx 3a7ac67e, common/FullNameTitle.tsx 3491a3b6 (that
 * code knows monoforums and frozen accounts, so it is from mid-2025 or later). Older fallbacks: ui/Transition.tsx
 * 0346d731 and middle/MiddleColumn.tsx 017170c2 (2022). telegram-tt also adds CSS-module classes with hashed names;
 * none of them is used here.
 */

/** The middle column holds the open chat and lives for the whole session. Seen: MiddleColumn 6fc19741 and 017170c2. */
export const MIDDLE_COLUMN: SelectorList = ['#MiddleColumn'];

/** The chat header, rendered only while a chat is open. Seen: MiddleHeader a49d36e5. */
export const HEADER: SelectorList = ['#MiddleColumn .MiddleHeader', '.MiddleHeader'];

/**
 * The header's slide being shown, relative to the header. The header is a Transition whose slides stay in the DOM:
 * during an animation one is `-from` and one `-to` and none is active, and after going deeper (a chat opened from
 * another) the previous slide is kept, inactive, for the way back. Only the header's own Transition counts: the
 * emoji status in a title is a Transition too. Seen: Transition CLASSES a49d36e5; fallback: the
 * `Transition__slide--active` class of 2021–2022 builds (Transition 0346d731).
 */
export const ACTIVE_SLIDE: SelectorList = [
  ':scope > .Transition > .Transition_slide-active',
  ':scope > .Transition > .Transition__slide--active',
];

/** The peer block of a chat header; views that name no peer (pinned, scheduled, comments) show an `h3` instead. */
export const CHAT_INFO: SelectorList = ['.chat-info-wrapper > .ChatInfo', '.ChatInfo'];

/**
 * The header avatar, whose data-peer-id is the chat's id (`div.Avatar[data-peer-id]`, Avatar db97c3e9). In a saved
 * dialog the first avatar is the manager's own ("saved-dialog-avatar"), never the chat's.
 */
export const HEADER_AVATAR: SelectorList = ['.Avatar[data-peer-id]:not(.saved-dialog-avatar)'];

/**
 * A forum topic's header: a topic icon instead of the avatar, and the topic's title instead of the chat's name.
 * Seen: GroupChatInfo 3a7ac67e.
 */
export const TOPIC_ICON: SelectorList = ['.topic-header-icon'];

/** The name: `div.title > h3.fullName` (FullNameTitle 3491a3b6); before the `fullName` class, `div.title > h3`. */
export const TITLE: SelectorList = ['.title > .fullName', '.title > h3', 'h3'];

/**
 * The header's tools (audio player, search, call, menu), where the Tracker Data button goes: a row that stays while
 * the manager switches chats from the list. Seen: MiddleHeader a49d36e5 and the older 00ac06ae; fallback: the
 * HeaderActions group inside it.
 */
export const HEADER_TOOLS: SelectorList = ['.header-tools', '.HeaderActions'];

/**
 * The lead's messages in the chat shown, oldest loaded first. telegram-tt renders each as
 * `div.Message.message-list-item#message-<id>[data-message-id]` and adds `own` to the manager's; service messages are
 * `ActionMessage`s, not `Message`s. The list is a Transition slide; only the active one is the open chat. The text is in
 * `.text-content`, which also holds the `.MessageMeta` (with `.message-time`, the clock time) and inline reactions.
 * Seen: components/middle/message/Message.tsx 4633bb3a and MessageMeta.tsx (2022–2026); fallback without the slide.
 */
export const INCOMING_MESSAGES: SelectorList = [
  '#MiddleColumn .Transition_slide-active > .MessageList .Message.message-list-item:not(.own)',
  '#MiddleColumn .MessageList .Message.message-list-item:not(.own)',
];
export const MESSAGE_TEXT: SelectorList = ['.text-content'];
export const MESSAGE_TIME: SelectorList = ['.message-time'];
export const NOT_MESSAGE_TEXT = '.MessageMeta, .Reactions';

/** The dark theme: `html.theme-dark` (the light one is `html.theme-light`). Checked 2026-11. */
export const DARK_THEME_CLASSES: readonly string[] = ['theme-dark'];

/** The header avatar's `data-peer-id` is rewritten in place when another chat opens. */
export const CHAT_ATTRIBUTES: readonly string[] = ['data-peer-id'];
