// @vitest-environment-options {"url": "https://web.telegram.org/k/"}
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChatState, watchChat } from '../../lib/adapters/shared/chat-watcher';
import { telegramK } from '../../lib/adapters/telegram-k';
import { startFixtureApp } from './support/fixture-app';

/** The Telegram K fixture app rebuilds the header on every switch, as tweb does; the watcher must keep up. */
describe('Telegram Web K: following chat switches in the fixture app', () => {
  let reports: ChatState[] = [];
  let stop: (() => void) | undefined;

  beforeAll(() => startFixtureApp('telegram-k/app'));
  afterEach(() => stop?.());

  const openChat = (peerId: string) =>
    document.querySelector<HTMLElement>(`.chatlist-chat[data-peer-id="${peerId}"]`)!.click();
  const latest = () => reports.at(-1);
  const activeButtons = () => document.querySelector('#column-center .chat.active .chat-utils');

  async function watch(backstopMs?: number): Promise<void> {
    reports = [];
    stop = watchChat({ adapter: telegramK, onChange: (state) => reports.push(state), backstopMs });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
  }

  /** Opens a chat from the list; resolves with how long the watcher took to report the expected contact. */
  async function switchTo(peerId: string, externalId = peerId): Promise<number> {
    const started = performance.now();
    openChat(peerId);
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe(externalId), { timeout: 500, interval: 1 });
    return performance.now() - started;
  }

  it('reports no contact and no mount point while no chat is open', async () => {
    await watch();
    expect(reports).toEqual([{ contact: undefined, mountPoint: undefined }]);
  });

  it('reports the chat opened from the list within 100 ms, with the username from the URL', async () => {
    await watch();
    const elapsed = await switchTo('777001');
    expect(location.hash).toBe('#@anna_leads');
    expect(latest()?.contact).toEqual({
      channel: 'telegram',
      externalId: '777001',
      displayName: 'Anna Petrova',
      username: 'anna_leads',
    });
    expect(latest()?.mountPoint).toBe(activeButtons());
    expect(elapsed).toBeLessThan(100);
  });

  it('reports each switch once, with the new contact and never the chat being left', async () => {
    await watch();
    const elapsed = await switchTo('777002');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(elapsed).toBeLessThan(100);
    expect(reports.slice(1).map((report) => report.contact)).toEqual([
      { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' },
    ]);
    expect(document.querySelectorAll('#column-center .chat')).toHaveLength(1);
  });

  it("reports a group under the platform's id", async () => {
    await watch();
    await switchTo('-1234567890', '-1001234567890');
    expect(location.hash).toBe('#-1234567890');
    expect(latest()?.contact).toEqual({
      channel: 'telegram',
      externalId: '-1001234567890',
      displayName: 'Leads Group',
    });
  });

  it('reports the new mount point when the header is rebuilt for the same contact', async () => {
    await watch();
    const before = latest()!;
    const header = document.querySelector('#column-center .chat.active .topbar')!;
    header.replaceWith(header.cloneNode(true));
    await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 100, interval: 1 });
    expect(latest()?.contact).toEqual(before.contact);
    expect(latest()?.mountPoint).not.toBe(before.mountPoint);
    expect(latest()?.mountPoint).toBe(activeButtons());
  });

  it('follows a URL change that neither a mutation nor an event announces, by its backstop', async () => {
    await watch(30);
    await switchTo('777001');
    expect(latest()?.contact?.username).toBe('anna_leads');
    history.replaceState(null, '', '/k/#777001');
    await vi.waitFor(
      () =>
        expect(latest()?.contact).toEqual({ channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' }),
      { timeout: 200, interval: 1 },
    );
  });

  it('stops reporting once stopped: no observer, no listener, no timer left', async () => {
    await watch(20);
    stop!();
    openChat('777003');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegramK.readContact(document, new URL(location.href))?.externalId).toBe('777003');
    expect(reports).toHaveLength(1);
  });
});
