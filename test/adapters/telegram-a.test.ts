// @vitest-environment-options {"url": "https://web.telegram.org/a/"}
import { describe, expect, it } from 'vitest';
import { telegramA } from '../../lib/adapters/telegram-a';
import { telegramK } from '../../lib/adapters/telegram-k';
import { parseFixture } from './support/fixtures';

const A = 'https://web.telegram.org/a/';
const page = (name: string) => parseFixture(`telegram-a/${name}.html`);
const read = (name: string, hash = '', query = '') => telegramA.readContact(page(name), new URL(`${A}${query}${hash}`));

const ANNA = { channel: 'telegram', externalId: '777001', displayName: 'Anna Petrova' };
const LEADS_GROUP = { channel: 'telegram', externalId: '-1001234567890', displayName: 'Leads Group' };

describe('Telegram Web A: the contact of the open chat', () => {
  it("reads a private chat: the avatar's peer id and the name in the header", () => {
    expect(read('private-chat', '#777001')).toEqual(ANNA);
  });

  it('reads the chat from the header alone while the URL has no hash yet', () => {
    expect(read('private-chat')).toEqual(ANNA);
  });

  it("reads a supergroup under the platform's id, which telegram-tt already writes", () => {
    expect(read('group-chat', '#-1001234567890')).toEqual(LEADS_GROUP);
  });

  it('reads the chat of a topic from the id part of #<id>_<thread>, without taking the topic title for its name', () => {
    expect(read('forum-topic', '#-1001234567890_42')).toEqual({ channel: 'telegram', externalId: '-1001234567890' });
  });

  it('reads a thread hash against the avatar when the header shows the chat itself', () => {
    expect(read('group-chat', '#-1001234567890_42')).toEqual(LEADS_GROUP);
  });

  it('reads nothing while the avatar and the hash name different chats (a switch under way)', () => {
    expect(read('private-chat', '#777002')).toBeUndefined();
    expect(read('group-chat', '#777001_pinned')).toBeUndefined();
  });

  it('reads nothing from a topic header when the URL does not name the chat', () => {
    expect(read('forum-topic')).toBeUndefined();
  });

  it('reads nothing in views whose header names no peer (pinned messages, comments)', () => {
    const doc = page('group-chat');
    doc
      .querySelector('.MiddleHeader .chat-info-wrapper')!
      .replaceWith(Object.assign(doc.createElement('h3'), { textContent: '3 pinned messages' }));
    expect(telegramA.readContact(doc, new URL(`${A}#-1001234567890_pinned`))).toBeUndefined();
  });

  it('reads nothing when no chat is open', () => {
    expect(read('no-chat')).toBeUndefined();
    expect(read('no-chat', '#777001')).toBeUndefined();
  });

  it('reads nothing mid-animation, when no header slide is active, whatever the hash says', () => {
    expect(read('mid-transition', '#-1001234567890')).toBeUndefined();
    expect(read('mid-transition', '#777001')).toBeUndefined();
  });

  it('reads the slide that became active after the animation, never the one kept for the way back', () => {
    const doc = page('mid-transition');
    const [group, anna] = [...doc.querySelectorAll('.MiddleHeader > .Transition > .Transition_slide')];
    group!.classList.replace('Transition_slide-from', 'Transition_slide-inactive');
    anna!.classList.replace('Transition_slide-to', 'Transition_slide-active');
    expect(telegramA.readContact(doc, new URL(`${A}#777001`))).toEqual(ANNA);
  });

  it('still reads the contact when the header has lost its tools', () => {
    expect(read('missing-tools', '#777001')).toEqual(ANNA);
  });

  it('reads the same contact for every account (?account=N picks the account, not the chat)', () => {
    expect(read('private-chat', '#777001', '?account=2')).toEqual(ANNA);
    expect(read('group-chat', '#-1001234567890', '?account=3')).toEqual(LEADS_GROUP);
  });
});

describe('Telegram Web A and K: one lead, one contact', () => {
  it('gives a supergroup the id Telegram Web K gives it', () => {
    const k = telegramK.readContact(
      parseFixture('telegram-k/group-chat.html'),
      new URL('https://web.telegram.org/k/#-1234567890'),
    );
    expect(read('group-chat', '#-1001234567890')?.externalId).toBe(k?.externalId);
  });

  it('gives a private chat the id Telegram Web K gives it', () => {
    const k = telegramK.readContact(
      parseFixture('telegram-k/private-chat.html'),
      new URL('https://web.telegram.org/k/'),
    );
    expect(read('private-chat', '#777001')?.externalId).toBe(k?.externalId);
  });

  it('gives a legacy basic group, written -<id> by both apps, the same id in both', () => {
    const a = page('group-chat');
    a.querySelector('.MiddleHeader .Avatar')!.setAttribute('data-peer-id', '-4051234');
    const k = parseFixture('telegram-k/group-chat.html');
    k.querySelectorAll('.chat.active .chat-info [data-peer-id]').forEach((node) =>
      node.setAttribute('data-peer-id', '-4051234'),
    );
    const fromA = telegramA.readContact(a, new URL(`${A}#-4051234`))?.externalId;
    expect(fromA).toBe('-1000004051234');
    expect(telegramK.readContact(k, new URL('https://web.telegram.org/k/#-4051234'))?.externalId).toBe(fromA);
  });
});

describe('Telegram Web A: where the button goes', () => {
  it("is the header's tools row", () => {
    const doc = page('private-chat');
    const mountPoint = telegramA.findMountPoint(doc);
    expect(mountPoint?.classList.contains('header-tools')).toBe(true);
    expect(mountPoint?.parentElement?.classList.contains('MiddleHeader')).toBe(true);
  });

  it('stays the tools row mid-animation, since the row is not part of a slide', () => {
    expect(telegramA.findMountPoint(page('mid-transition'))?.classList.contains('header-tools')).toBe(true);
  });

  it('is missing when the header has no tools', () => {
    expect(telegramA.findMountPoint(page('missing-tools'))).toBeUndefined();
  });

  it('is missing when no chat is open', () => {
    expect(telegramA.findMountPoint(page('no-chat'))).toBeUndefined();
  });

  it('watches the middle column, which holds the open chat', () => {
    expect(telegramA.conversationRoot(page('no-chat'))?.id).toBe('MiddleColumn');
  });
});

describe('Telegram Web A: which pages are its own', () => {
  const OWN = [A, `${A}#777001`, `${A}#-1001234567890_42`, `${A}?account=2#777002`, `${A}#?tgaddr=tg%3A%2F%2Fresolve`];
  const OTHERS = [
    'https://web.telegram.org/k/',
    'https://web.telegram.org/k/#@anna_leads',
    'https://web.telegram.org/k/?account=2#777002',
    'https://web.telegram.org/',
    'https://web.telegram.org/a',
    'https://web.telegram.org/z/',
    'http://web.telegram.org/a/',
    'https://web.whatsapp.com/',
    'https://web.telegram.org.evil.example/a/',
    'https://evil.example/a/?https://web.telegram.org/a/',
    'https://web.telegram.org@evil.example/a/',
    'https://webtelegram.org/a/',
  ];

  it.each(OWN)('accepts %s, which Telegram Web K rejects', (url) => {
    expect(telegramA.matchesUrl(new URL(url))).toBe(true);
    expect(telegramK.matchesUrl(new URL(url))).toBe(false);
  });

  it.each(OTHERS)('rejects %s', (url) => {
    expect(telegramA.matchesUrl(new URL(url))).toBe(false);
  });

  it("leaves every Telegram Web K page to K's adapter", () => {
    for (const url of OTHERS.filter((other) => other.startsWith('https://web.telegram.org/k/'))) {
      expect(telegramK.matchesUrl(new URL(url))).toBe(true);
    }
  });
});
