import type { SelectorList } from '../shared/query';

/*
 * Every selector the WhatsApp Web adapter uses, newest page variant first. WhatsApp Web is closed source and its class
 * names are generated per release (x1n2onr6, _amjv, _3W2ap…), so nothing here names a class: only ids, roles,
 * data-* attributes and structure, which have outlived every redesign since 2019. Seen in public extension code:
 * - lennarto/whatsapp-web-copy-link contentScript.js (2025-05..09): the open chat's phone from a message row's
 *   `data-id` (`(false|true)_(\d+)@c.us`), the header's last element child as its button group;
 * - caio-ribeiro-pereira/whatscraper scraper.js af19ffe (2022-03-19): rows `#main div[role="region"] > div` with
 *   `data-id`, groups told apart by `@g.us`, the name in `#main > header … span[dir="auto"]`, and #main's parent
 *   observed because #main itself is replaced;
 * - wppconnect-team/wa-js src/whatsapp/misc/MsgKey.ts (`@whatsapp 2.2138.13`, 2021, unchanged through 2025): a
 *   message key is `{fromMe, remote, id, participant}`, serialised `<fromMe>_<remote>_<id>[_<participant>]` — the
 *   string WhatsApp Web writes into `data-id`; `@lid` remotes appear in serialised ids from 2024 (WAHA, wwebjs).
 */

/** The app root: present from load to unload, it holds the chat list (`#side`) and the conversation pane. */
export const APP_ROOT: SelectorList = ['#app'];

/**
 * The open conversation. Removed and built anew on every chat switch (and on some re-renders of the same chat); absent
 * while no chat is open, when the intro screen shows instead. Seen: every build since 2018 (whatscraper 2022,
 * copy-link 2025).
 */
export const CONVERSATION: SelectorList = ['#main'];

/** The conversation header. Seen: `#main header` 2019–2025; `#main > header` is the same element in builds before 2023. */
export const HEADER: SelectorList = ['#main header'];

/**
 * The chat's name in the header, relative to the header. The first `span[dir="auto"]` is the title in every build seen
 * (2020–2025); the subtitle (last seen, or a group's members) comes after it and carries its text in `title`, so a bare
 * `span[title]` is only the fallback for builds that drop `dir` from the title. Seen: whatscraper 2022,
 * copy-link-era extensions 2024–2025 (`#main header span[dir="auto"]`), 2020 builds (`#main header span[title]`).
 */
export const HEADER_TITLE: SelectorList = ['span[dir="auto"]', 'span[title]'];

/** What counts as a header button: native buttons (2024–2025) or `div[role="button"]` (2019–2024). */
export const HEADER_BUTTON: SelectorList = ['button', '[role="button"]'];

/**
 * Message rows carry the serialised message key in `data-id`. Seen on `div[data-id]` row wrappers 2019–2025 (inside
 * `div[role="region"]` until 2022, `div[role="application"] > div[role="row"]` since), always under #main.
 */
export const MESSAGE_ROWS = '#main [data-id]';

/**
 * Builds of 2018–2021 drew the header avatar from `https://web.whatsapp.com/pp?…&u=<jid>`, so even a chat without
 * messages named its jid (seen in DOM copies of 2018–2020: Mohammad-Sahil/whatsapp-clone, AnasBoulmane/chat-app).
 * Current builds load avatars from pps.whatsapp.net without it; kept as the older fallback for an empty chat.
 */
export const HEADER_AVATAR_WITH_JID: SelectorList = ['img[src*="/pp?"][src*="u="]'];
export const AVATAR_JID_PARAM = 'u';

/**
 * The lead's messages, oldest loaded first: rows whose message key says the manager did not send them
 * (`false_<chat>_<id>`, wa-js MsgKey), drawn as `.message-in` (the manager's are `.message-out`). The text is the
 * `.selectable-text` inside the bubble's `.copyable-text`, whose `data-pre-plain-text` is `[10:31, 25/11/2026] Name: `.
 * Seen: the key format in wa-js MsgKey (above); `message-in`/`message-out` are WhatsApp's own, ungenerated class names,
 * in the page structure saved 2026-11-25 (test/fixtures/whatsapp). Both are required, so a change to either reads
 * nothing rather than the manager's messages.
 */
export const INCOMING_ROWS = '#main [data-id^="false_"]';
export const INCOMING_BUBBLE: SelectorList = ['.message-in'];
export const MESSAGE_TEXT: SelectorList = ['.copyable-text .selectable-text', '.selectable-text'];
export const MESSAGE_META: SelectorList = ['[data-pre-plain-text]'];
export const MESSAGE_META_ATTRIBUTE = 'data-pre-plain-text';

/** The dark theme: `body.dark`. Checked 2026-11. */
export const DARK_THEME_CLASSES: readonly string[] = ['dark'];

/** Message rows' keys (`data-id`) and the chat list's selected row (`aria-selected`) change in place on a switch. */
export const CHAT_ATTRIBUTES: readonly string[] = ['data-id', 'aria-selected'];
