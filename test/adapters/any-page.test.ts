// @vitest-environment-options {"url": "https://crm.example.com/leads/4821"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anyPage, createAnyPageAdapter } from '../../lib/adapters/any-page';
import { adapterForAddedSite, adapterForUrl } from '../../lib/adapters/registry';
import { readChatState, watchChat, type ChatState } from '../../lib/adapters/shared/chat-watcher';
import { parseFixture, showFixture } from './support/fixtures';

const CRM = 'https://crm.example.com';
const crm = createAnyPageAdapter(['crm.example.com']);

describe('any page the manager added', () => {
  it('names the chat by its origin and title, never guesses a lead, and floats the button', () => {
    const doc = parseFixture('any-page/crm-lead-card.html');
    expect(readChatState(crm, doc, new URL(`${CRM}/leads/4821`))).toEqual({
      contact: undefined,
      unidentified: {
        channel: 'web',
        chatKey: 'https://crm.example.com|Lead #4821 — Olga Petrova · AcmeCRM',
        displayName: 'Lead #4821 — Olga Petrova · AcmeCRM',
      },
      mountPoint: undefined,
    });
  });

  it('gives an untitled page one chat per origin, with no name', () => {
    const doc = parseFixture('any-page/crm-lead-card.html');
    doc.title = '   ';
    expect(crm.readUnidentifiedChat?.(doc, new URL(`${CRM}/leads/`))).toEqual({
      channel: 'web',
      chatKey: 'https://crm.example.com|',
    });
  });

  it('is only ever the adapter of a host the manager added: no URL is claimed by itself', () => {
    expect(adapterForUrl(`${CRM}/leads/4821`)).toBeUndefined();
    expect(anyPage.matchesUrl(new URL(`${CRM}/leads/4821`))).toBe(false);
    expect(anyPage.registeredAtRunTime).toBe(true);
    expect(adapterForAddedSite(new URL(`${CRM}/leads/4821`), { kind: 'any-page', host: 'crm.example.com' })?.id).toBe(
      'any-page',
    );
    expect(
      adapterForAddedSite(new URL('https://other.example.com/'), { kind: 'any-page', host: 'crm.example.com' }),
    ).toBeUndefined();
  });
});

describe('any page: following the title of a single-page app', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('reports the next lead within 100 ms when the app changes the title', async () => {
    showFixture('any-page/crm-lead-card.html');
    const reports: ChatState[] = [];
    stop = watchChat({ adapter: crm, onChange: (state) => reports.push(state) });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(crm.conversationRoot(document)).toBe(document.head);

    const started = performance.now();
    history.pushState(null, '', '/leads/4822');
    document.title = 'Lead #4822 — Ivan Sokolov · AcmeCRM';
    await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 100, interval: 1 });
    expect(performance.now() - started).toBeLessThan(100);
    expect(reports[1]?.unidentified).toEqual({
      channel: 'web',
      chatKey: 'https://crm.example.com|Lead #4822 — Ivan Sokolov · AcmeCRM',
      displayName: 'Lead #4822 — Ivan Sokolov · AcmeCRM',
    });
  });
});
