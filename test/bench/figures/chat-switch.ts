import { expect, type Page } from '@playwright/test';
import { TELEGRAM_K } from '../../e2e/support/fixtures';
import { openPanel } from '../../e2e/support/manager';
import type { LoadedExtension } from '../../e2e/support/extension';
import { allowNamedFunctions, openChatPage, WHATSAPP } from '../support/session';

/** A chat to switch to: the row to click, what the page shows once it has switched, the name the panel must show. */
export interface SwitchTarget {
  click: string;
  shown: string;
  name: string;
}

export interface SwitchTiming {
  /** From the click on the chat list to the panel's shadow root holding the new contact's name. */
  fromClick: number;
  /** From the page showing the new chat (what the adapter reads appeared) to the same moment. */
  fromPage: number;
}

/** Telegram Web K: the page has switched when the new chat's header is the active one. */
export const TELEGRAM_K_TARGETS: SwitchTarget[] = [
  ['777001', 'Anna Petrova'],
  ['777002', 'Boris Ivanov'],
  ['777003', 'Clara Smith'],
  ['-1234567890', 'Leads Group'],
].map(([peer, name]) => ({
  click: `.chatlist a[data-peer-id="${peer}"]`,
  shown: `#column-center .chat.active .chat-info .peer-title[data-peer-id="${peer}"]`,
  name: name!,
}));

/**
 * WhatsApp Web: #main is rebuilt a frame after the click and its messages load after that; the chat is known (to
 * the adapter, and to anyone) when its first message row, whose key names the chat, is there. Only the two chats
 * with a phone number: groups and @lid chats ask the manager who the lead is instead of showing a contact.
 */
export const WHATSAPP_TARGETS: SwitchTarget[] = [
  [1, '79990000001@c.us', 'Anna Petrova'],
  [2, '79990000002@c.us', 'Boris Ivanov'],
].map(([row, jid, name]) => ({
  click: `#pane-side [role="grid"] > [role="row"]:nth-child(${row})`,
  shown: `#main [data-id*="_${jid}_"]`,
  name: String(name),
}));

/** Opens a chat app at its real URL with the Tracker Data panel open on its first target. */
export async function openChatApp(extension: LoadedExtension, app: 'telegram-k' | 'whatsapp'): Promise<Page> {
  const first = app === 'telegram-k' ? TELEGRAM_K_TARGETS[0]! : WHATSAPP_TARGETS[0]!;
  const page = await openChatPage(extension.context, app === 'telegram-k' ? TELEGRAM_K : WHATSAPP);
  await page.locator(first.click).click();
  await openPanel(page);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' }).getByText(first.name).first()).toBeVisible();
  return page;
}

/**
 * Switches chats `count` times inside the page, so no Playwright round trip sits in the measurement: the page's own
 * performance.now() at the click, a MutationObserver on the document for the page's switch, and one on the panel's
 * open shadow root (the `tracker-data-panel` host) for the moment the new name is in it. `startAt` continues a
 * rotation across calls; `gapMs` is the pause after each switch (lookups answered, the old chat's exit animation done).
 */
export async function switchChats(
  page: Page,
  targets: SwitchTarget[],
  count: number,
  startAt: number,
  gapMs: number,
): Promise<SwitchTiming[]> {
  await allowNamedFunctions(page);
  return page.evaluate(
    async ({ targets, count, startAt, gapMs }) => {
      const root = document.querySelector('tracker-data-panel')?.shadowRoot;
      if (!root) throw new Error('The Tracker Data panel has no open shadow root');
      const results: Array<{ fromClick: number; fromPage: number }> = [];
      for (let index = 0; index < count; index += 1) {
        const target = targets[(startAt + index) % targets.length]!;
        let pageAt: number | undefined;
        let panelAt: number | undefined;
        let settle: (error?: Error) => void = () => undefined;
        const seen = new Promise<void>((resolve, reject) => {
          settle = (error) => (error ? reject(error) : resolve());
        });
        const timeout = setTimeout(() => settle(new Error(`${target.name} not shown 5 s after the click`)), 5000);
        const check = () => {
          const now = performance.now();
          if (pageAt === undefined && document.querySelector(target.shown)) pageAt = now;
          if (panelAt === undefined && root!.querySelector('.td-contact-name')?.textContent === target.name)
            panelAt = now;
          if (pageAt !== undefined && panelAt !== undefined) settle();
        };
        const observers = [new MutationObserver(check), new MutationObserver(check)];
        observers[0]!.observe(root, { subtree: true, childList: true, characterData: true });
        observers[1]!.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['class'],
        });
        const row = document.querySelector<HTMLElement>(target.click);
        if (!row) throw new Error(`No chat row ${target.click}`);
        const clickedAt = performance.now();
        row.click();
        try {
          await seen;
        } finally {
          clearTimeout(timeout);
          observers.forEach((observer) => observer.disconnect());
        }
        results.push({ fromClick: panelAt! - clickedAt, fromPage: panelAt! - pageAt! });
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      return results;
    },
    { targets, count, startAt, gapMs },
  );
}
