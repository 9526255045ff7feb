// @vitest-environment-options {"url": "https://app.chatwoot.com/app/accounts/1/dashboard"}
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatwoot } from '../../lib/adapters/chatwoot';
import { type ChatState, watchChat } from '../../lib/adapters/shared/chat-watcher';
import { startFixtureApp } from './support/fixture-app';

/** The Chatwoot fixture app switches conversations with history.pushState and patches the header in place, like Vue. */
describe('Chatwoot: following conversation switches in the fixture app', () => {
  let reports: ChatState[] = [];
  let stop: (() => void) | undefined;

  beforeAll(() => startFixtureApp('chatwoot/app', '/app/accounts/1/dashboard'));
  afterEach(() => stop?.());

  const latest = () => reports.at(-1);
  const card = (id: string) => document.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`)!;

  async function watch(): Promise<void> {
    reports = [];
    stop = watchChat({ adapter: chatwoot, onChange: (state) => reports.push(state) });
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(0));
  }

  /**
   * Clicks a conversation in the list; resolves with how long the watcher took, once the app had rendered it (the click
   * renders synchronously, as Vue's router does within the tick), to report what `expected` accepts.
   */
  async function open(id: string, expected: (state: ChatState | undefined) => boolean): Promise<number> {
    card(id).click();
    const started = performance.now();
    await vi.waitFor(() => expect(expected(latest())).toBe(true), { timeout: 500, interval: 1 });
    return performance.now() - started;
  }
  const contactIs = (externalId: string) => (state: ChatState | undefined) => state?.contact?.externalId === externalId;

  it('reports nobody on the dashboard before a conversation is opened', async () => {
    await watch();
    expect(reports).toEqual([{ contact: undefined, unidentified: undefined, mountPoint: undefined }]);
  });

  it('reports the conversation opened from the list within 100 ms, its URL pushed by the router', async () => {
    await watch();
    const elapsed = await open('7', contactIs('777001'));
    expect(location.pathname).toBe('/app/accounts/1/conversations/7');
    expect(latest()).toEqual({
      contact: { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova', username: 'anna_leads' },
      unidentified: undefined,
      mountPoint: document.querySelector('.header-actions-wrap'),
    });
    expect(elapsed).toBeLessThan(100);
  });

  it('reports each switch once, within 100 ms, across Telegram, website and WhatsApp inboxes', async () => {
    await watch();
    const before = reports.length;
    const times = [
      await open('8', contactIs('777002')),
      await open('9', contactIs('103')),
      await open('10', contactIs('5511912345678')),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Math.max(...times)).toBeLessThan(100);
    expect(reports.slice(before).map((report) => report.contact)).toEqual([
      { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' },
      { channel: 'web', externalId: '103', displayName: 'Maria Lopez' },
      { channel: 'whatsapp', externalId: '5511912345678', displayName: 'Pedro Alves' },
    ]);
  });

  it('keeps the one mount point while Vue patches the header for the next conversation', async () => {
    await watch();
    const mountPoint = latest()?.mountPoint;
    await open('8', contactIs('777002'));
    expect(latest()?.mountPoint).toBe(mountPoint);
  });

  it('asks for a Telegram contact with no id on the page, then reads the next one at once', async () => {
    await watch();
    await open('11', (state) => state?.unidentified !== undefined);
    expect(latest()?.unidentified).toEqual({
      channel: 'telegram',
      chatKey: 'app.chatwoot.com/accounts/1/conversations/11',
      displayName: 'Clara Smith',
    });
    await open('7', contactIs('777001'));
    expect(latest()?.unidentified).toBeUndefined();
  });

  it('asks while the manager has the contact panel closed, and reads the contact again when it is reopened', async () => {
    await watch();
    const toggle = () => document.querySelector<HTMLElement>('[data-action="toggle-contact"]')!.click();
    toggle();
    await vi.waitFor(() => expect(latest()?.unidentified?.displayName).toBe('Anna Petrova'), {
      timeout: 100,
      interval: 1,
    });
    expect(latest()?.contact).toBeUndefined();
    toggle();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('777001'), { timeout: 100, interval: 1 });
  });

  it('follows the browser’s back button (popstate)', async () => {
    await watch();
    await open('9', contactIs('103'));
    history.back();
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('777001'), { timeout: 500, interval: 1 });
    expect(location.pathname).toBe('/app/accounts/1/conversations/7');
  });
});
