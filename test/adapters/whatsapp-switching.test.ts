// @vitest-environment-options {"url": "https://web.whatsapp.com/"}
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChatState, watchChat } from '../../lib/adapters/shared/chat-watcher';
import { whatsapp } from '../../lib/adapters/whatsapp';
import { startFixtureApp } from './support/fixture-app';

/**
 * The WhatsApp fixture app removes #main on every switch and builds a new one a frame later, its message rows a moment
 * after that, all without changing the URL; the shared watcher must follow it through #main's parent.
 */
describe('WhatsApp Web: following chat switches in the fixture app', () => {
  let reports: ChatState[] = [];
  let stop: (() => void) | undefined;

  beforeAll(() => startFixtureApp('whatsapp/app', '/'));
  afterEach(() => stop?.());

  const latest = () => reports.at(-1);
  const buttonArea = () => document.querySelector('#main header')?.lastElementChild;
  const openChat = (name: string) =>
    [...document.querySelectorAll<HTMLElement>('#pane-side [role="row"]')]
      .find((row) => row.textContent?.includes(name))!
      .click();
  const settled = () => new Promise((resolve) => setTimeout(resolve, 150));

  async function watch(): Promise<void> {
    reports = [];
    stop = watchChat({ adapter: whatsapp, onChange: (state) => reports.push(state), backstopMs: 60_000 });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
  }

  /**
   * Opens a chat from the list; resolves with how long the watcher took to report it as `expected`, counted from the
   * moment the page shows the chat: its first message row, which names it (the fixture, like WhatsApp, takes 40 ms to
   * get there after the click, and a busy machine stretches that, not the watcher).
   */
  async function switchTo(name: string, expected: (state: ChatState | undefined) => boolean): Promise<number> {
    let shownAt: number | undefined;
    const observer = new MutationObserver(() => {
      if (document.querySelector('#main [data-id]')) shownAt ??= performance.now();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    openChat(name);
    await vi.waitFor(() => expect(expected(latest())).toBe(true), { timeout: 500, interval: 1 });
    const reportedAt = performance.now();
    observer.disconnect();
    return reportedAt - (shownAt ?? reportedAt);
  }

  it('reports no chat, no one to ask and no mount point on the intro screen', async () => {
    await watch();
    expect(reports).toEqual([{ contact: undefined, unidentified: undefined, mountPoint: undefined }]);
  });

  it('reports the chat opened from the list within 100 ms of it showing, by its phone digits, while the URL stays the same', async () => {
    await watch();
    const elapsed = await switchTo('Anna Petrova', (state) => state?.contact?.externalId === '79990000001');
    expect(location.href).toBe('https://web.whatsapp.com/');
    expect(latest()).toEqual({
      contact: { channel: 'whatsapp', externalId: '79990000001', displayName: 'Anna Petrova' },
      unidentified: undefined,
      mountPoint: buttonArea(),
    });
    expect(elapsed).toBeLessThan(100);
  });

  it('reports a switch within 100 ms and never the chat being left once #main is gone', async () => {
    await watch();
    const elapsed = await switchTo('Boris Ivanov', (state) => state?.contact?.externalId === '79990000002');
    await settled();
    expect(elapsed).toBeLessThan(100);
    expect(
      reports
        .slice(1)
        .map((report) => report.contact)
        .filter(Boolean),
    ).toEqual([{ channel: 'whatsapp', externalId: '79990000002', displayName: 'Boris Ivanov' }]);
    expect(latest()?.mountPoint).toBe(buttonArea());
    expect(document.querySelectorAll('#main')).toHaveLength(1);
  });

  it('reports a group as a chat to ask about, under its jid', async () => {
    await watch();
    await switchTo('Leads Group', (state) => state?.unidentified !== undefined);
    expect(latest()).toEqual({
      contact: undefined,
      unidentified: { channel: 'whatsapp', chatKey: '120363000000000001@g.us', displayName: 'Leads Group' },
      mountPoint: buttonArea(),
    });
  });

  it('reports a @lid chat as a chat to ask about, under its privacy id', async () => {
    await watch();
    await switchTo('Hidden Lead', (state) => state?.unidentified?.chatKey === '104857600000001@lid');
    expect(latest()?.contact).toBeUndefined();
    expect(latest()?.unidentified?.displayName).toBe('Hidden Lead');
  });

  it('reports the new mount point when #main is rebuilt for the same chat', async () => {
    await watch();
    await switchTo('Anna Petrova', (state) => state?.contact?.externalId === '79990000001');
    await settled();
    const before = latest()!;
    const count = reports.length;
    const main = document.getElementById('main')!;
    main.replaceWith(main.cloneNode(true));
    await vi.waitFor(() => expect(reports).toHaveLength(count + 1), { timeout: 100, interval: 1 });
    expect(latest()?.contact).toEqual(before.contact);
    expect(latest()?.mountPoint).not.toBe(before.mountPoint);
    expect(latest()?.mountPoint).toBe(buttonArea());
  });

  it('stays quiet while messages come and go in the open chat', async () => {
    openChat('Boris Ivanov');
    await watch();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('79990000002'));
    const count = reports.length;
    const box = document.querySelector<HTMLElement>('#main footer [role="textbox"]')!;
    box.textContent = 'Your deposit has arrived';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settled();
    expect(document.querySelectorAll('#main [data-id]')).toHaveLength(4);
    expect(reports).toHaveLength(count);
  });

  it('reports no chat once Escape closes it and the intro screen is back', async () => {
    await watch();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(
      () => expect(latest()).toEqual({ contact: undefined, unidentified: undefined, mountPoint: undefined }),
      {
        timeout: 100,
        interval: 1,
      },
    );
    expect(document.getElementById('main')).toBeNull();
  });
});
