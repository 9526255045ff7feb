// @vitest-environment-options {"url": "https://web.telegram.org/a/"}
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChatState, watchChat } from '../../lib/adapters/shared/chat-watcher';
import { telegramA } from '../../lib/adapters/telegram-a';
import { startFixtureApp } from './support/fixture-app';

/**
 * The Telegram A fixture app replaces the header's peer in place on a switch from the list, slides the header when a
 * chat is opened from another, and writes the URL a frame later with pushState, as telegram-tt does. It runs as the
 * second account (`?account=2`), which must change nothing about the contacts read.
 */
describe('Telegram Web A: following chat switches in the fixture app', () => {
  let reports: ChatState[] = [];
  let hashChanges = 0;
  let stop: (() => void) | undefined;

  beforeAll(() => {
    startFixtureApp('telegram-a/app', '/a/?account=2');
    window.addEventListener('hashchange', () => (hashChanges += 1));
  });
  afterEach(() => stop?.());

  const listItem = (name: string) =>
    [...document.querySelectorAll<HTMLElement>('.chat-list .ListItem-button')].find(
      (item) => item.querySelector('.fullName')?.textContent === name,
    )!;
  const latest = () => reports.at(-1);
  const tools = () => document.querySelector('#MiddleColumn .MiddleHeader .header-tools');
  const headerSlides = () => document.querySelectorAll('#MiddleColumn .MiddleHeader > .Transition > .Transition_slide');
  const settled = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

  async function watch(backstopMs = 60_000): Promise<void> {
    reports = [];
    stop = watchChat({ adapter: telegramA, onChange: (state) => reports.push(state), backstopMs });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
  }

  /** Clicks; resolves with how long the watcher took to report the expected contact. */
  async function switchBy(click: () => void, externalId: string, timeout = 500): Promise<number> {
    const started = performance.now();
    click();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe(externalId), { timeout, interval: 1 });
    return performance.now() - started;
  }

  const contactsReported = () => reports.slice(1).map((report) => report.contact?.externalId);

  it('reports no contact and no mount point while no chat is open', async () => {
    await watch();
    expect(reports).toEqual([{ contact: undefined, mountPoint: undefined }]);
  });

  it('reports the chat opened from the list within 100 ms, with the header tools to mount in', async () => {
    await watch();
    const elapsed = await switchBy(() => listItem('Anna Petrova').click(), '777001');
    expect(elapsed).toBeLessThan(100);
    expect(latest()?.contact).toEqual({ channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' });
    expect(latest()?.mountPoint).toBe(tools());
    await vi.waitFor(() => expect(location.href).toBe('https://web.telegram.org/a/?account=2#777001'));
    expect(hashChanges).toBe(0);
  });

  it('reports a switch from the list within 100 ms and never again the chat being left', async () => {
    await watch();
    const mountPoint = latest()?.mountPoint;
    const elapsed = await switchBy(() => listItem('Boris Ivanov').click(), '777002');
    await settled();
    expect(elapsed).toBeLessThan(100);
    expect(contactsReported().filter((id) => id !== undefined)).toEqual(['777002']);
    expect(latest()?.contact).toEqual({ channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' });
    expect(latest()?.mountPoint).toBe(mountPoint);
    expect(location.hash).toBe('#777002');
    expect(history.length).toBe(2);
  });

  it("reports a supergroup under the platform's id, as the URL names it", async () => {
    await watch();
    await switchBy(() => listItem('Leads Group').click(), '-1001234567890');
    expect(latest()?.contact).toEqual({
      channel: 'telegram',
      externalId: '-1001234567890',
      displayName: 'Leads Group',
    });
    await vi.waitFor(() => expect(location.hash).toBe('#-1001234567890'));
  });

  it('reports nobody while the header slides to a chat opened from a mention, then that chat, never the one kept behind', async () => {
    await watch();
    document.querySelector<HTMLElement>('.Transition_slide-active .text-entity-link')!.click();
    await vi.waitFor(() => expect(latest()?.contact).toBeUndefined(), { timeout: 100, interval: 1 });
    expect(document.querySelector('.MiddleHeader > .Transition > .Transition_slide-to')).not.toBeNull();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('777001'), { timeout: 500, interval: 1 });
    await settled();
    expect(contactsReported()).toEqual([undefined, '777001']);
    expect(headerSlides()).toHaveLength(2);
    expect(
      document.querySelector('.MiddleHeader .Transition_slide-inactive .Avatar')?.getAttribute('data-peer-id'),
    ).toBe('-1001234567890');
    expect(location.hash).toBe('#777001');
  });

  it("slides back to the group with the header's Back button and drops the chat left", async () => {
    await watch();
    document.querySelector<HTMLElement>('.MiddleHeader .Transition_slide-active .back-button button')!.click();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('-1001234567890'), { timeout: 500, interval: 1 });
    await settled();
    expect(contactsReported()).toEqual([undefined, '-1001234567890']);
    expect(headerSlides()).toHaveLength(1);
    expect(location.hash).toBe('#-1001234567890');
  });

  it('reports the new mount point when the header is rebuilt for the same contact', async () => {
    await watch();
    const before = latest()!;
    const header = document.querySelector('#MiddleColumn .MiddleHeader')!;
    header.replaceWith(header.cloneNode(true));
    await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 100, interval: 1 });
    expect(latest()?.contact).toEqual(before.contact);
    expect(latest()?.mountPoint).not.toBe(before.mountPoint);
    expect(latest()?.mountPoint).toBe(tools());
    tools()!.parentElement!.replaceWith(header);
  });

  it('keeps the account in the URL across switches (?account=2 picks the account, not the chat)', async () => {
    await watch();
    await switchBy(() => listItem('Clara Smith').click(), '777003');
    expect(latest()?.contact).toEqual({ channel: 'telegram', externalId: '777003', displayName: 'Clara Smith' });
    await vi.waitFor(() => expect(location.href).toBe('https://web.telegram.org/a/?account=2#777003'));
  });

  it('reports no contact once Escape closes the chat, and the URL loses its hash', async () => {
    await watch();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(latest()).toEqual({ contact: undefined, mountPoint: undefined }), {
      timeout: 100,
      interval: 1,
    });
    await vi.waitFor(() => expect(location.href).toBe('https://web.telegram.org/a/?account=2'));
  });
});
