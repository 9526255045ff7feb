// @vitest-environment-options {"url": "https://web.telegram.org/k/"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChatState, watchChat } from '../../lib/adapters/shared/chat-watcher';
import { telegramK } from '../../lib/adapters/telegram-k';
import { parseFixture, showFixture } from './support/fixtures';

/** Long enough that only the observer or a navigation event, never the backstop, can explain a report. */
const NO_BACKSTOP = 60_000;
const FAST = { timeout: 100, interval: 1 };

describe('chat watcher', () => {
  let reports: ChatState[] = [];
  let stop: (() => void) | undefined;

  beforeEach(() => history.replaceState(null, '', '/k/'));
  afterEach(() => stop?.());

  async function watch(): Promise<void> {
    reports = [];
    stop = watchChat({ adapter: telegramK, onChange: (state) => reports.push(state), backstopMs: NO_BACKSTOP });
    await vi.waitFor(() => expect(reports).toHaveLength(1), FAST);
  }
  const latest = () => reports.at(-1);
  const settled = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('reports the open chat first, with its mount point', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    expect(latest()?.contact?.externalId).toBe('777001');
    expect(latest()?.mountPoint).toBe(document.querySelector('.chat.active .chat-utils'));
  });

  it('watches the body until the conversation root exists, then reports the chat that appears', async () => {
    document.body.replaceChildren();
    await watch();
    expect(latest()).toEqual({ contact: undefined, mountPoint: undefined });
    const page = parseFixture('telegram-k/private-chat.html').body;
    document.body.append(...[...page.childNodes].map((node) => document.importNode(node, true)));
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('777001'), FAST);
  });

  it('keeps up when the app replaces the conversation root itself', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    const groupColumn = parseFixture('telegram-k/group-chat.html').getElementById('column-center')!;
    document.getElementById('column-center')!.replaceWith(document.importNode(groupColumn, true));
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('-1001234567890'), FAST);
    await settled();
    const newRoot = document.getElementById('column-center')!;
    newRoot.querySelector('.user-title .peer-title-inner')!.textContent = 'Leads Group (VIP)';
    await vi.waitFor(() => expect(latest()?.contact?.displayName).toBe('Leads Group (VIP)'), FAST);
  });

  it('notices the active class moving from one chat to another', async () => {
    showFixture('telegram-k/chat-switching.html');
    await watch();
    expect(latest()?.contact?.externalId).toBe('777001');
    const [boris, anna] = [...document.querySelectorAll('#column-center .chat')];
    anna!.classList.remove('active');
    boris!.classList.add('active');
    await vi.waitFor(() => expect(latest()?.contact?.externalId).toBe('777002'), FAST);
    expect(latest()?.mountPoint).toBe(boris!.querySelector('.chat-utils'));
  });

  it('reports a contact renamed in place', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    document.querySelector('.chat.active .user-title .peer-title')!.firstChild!.nodeValue = 'Anna Petrova-Smith';
    await vi.waitFor(() => expect(latest()?.contact?.displayName).toBe('Anna Petrova-Smith'), FAST);
  });

  it('stays quiet when the page changes but the contact and mount point do not', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    const messages = document.querySelector('.chat.active .bubbles-inner')!;
    for (let i = 0; i < 20; i += 1) messages.append(messages.firstElementChild!.cloneNode(true));
    document.querySelector('.chat.active .chat-utils')!.append(document.createElement('tracker-data-button'));
    await settled();
    expect(reports).toHaveLength(1);
  });

  it('reads the URL again on popstate, which pushState-driven apps rely on', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    expect(latest()?.contact?.username).toBeUndefined();
    history.replaceState(null, '', '/k/#@anna_leads');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(latest()?.contact?.username).toBe('anna_leads'), FAST);
  });

  it('reports nothing after stop, whatever changes', async () => {
    showFixture('telegram-k/private-chat.html');
    await watch();
    stop!();
    document.querySelector('.chat.active .topbar')!.remove();
    history.replaceState(null, '', '/k/#@anna_leads');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settled();
    expect(reports).toHaveLength(1);
  });
});
