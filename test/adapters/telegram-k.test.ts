// @vitest-environment-options {"url": "https://web.telegram.org/k/"}
import { describe, expect, it } from 'vitest';
import { telegramK } from '../../lib/adapters/telegram-k';
import { parseFixture } from './support/fixtures';

const K = 'https://web.telegram.org/k/';
const page = (name: string) => parseFixture(`telegram-k/${name}.html`);

describe('Telegram Web K: the contact of the open chat', () => {
  it('reads a private chat: its peer id and the name in the header', () => {
    expect(telegramK.readContact(page('private-chat'), new URL(K))).toEqual({
      channel: 'telegram',
      externalId: '777001',
      displayName: 'Anna Petrova',
    });
  });

  it('takes the username from a #@username hash', () => {
    expect(telegramK.readContact(page('private-chat'), new URL(`${K}#@anna_leads`))).toEqual({
      channel: 'telegram',
      externalId: '777001',
      displayName: 'Anna Petrova',
      username: 'anna_leads',
    });
  });

  it('gives no username for a hash that names a peer id', () => {
    expect(telegramK.readContact(page('private-chat'), new URL(`${K}#777001`))?.username).toBeUndefined();
  });

  it("reads a group chat: tweb's negative id -1234567890 becomes the platform's -1001234567890", () => {
    expect(telegramK.readContact(page('group-chat'), new URL(`${K}#-1234567890`))).toEqual({
      channel: 'telegram',
      externalId: '-1001234567890',
      displayName: 'Leads Group',
    });
  });

  it('reads nothing when no chat is open', () => {
    expect(telegramK.readContact(page('no-chat'), new URL(K))).toBeUndefined();
  });

  it('reads the chat that became active, never the one still animating out', () => {
    const contact = telegramK.readContact(page('chat-switching'), new URL(`${K}#@anna_leads`));
    expect(contact?.externalId).toBe('777001');
  });

  it('reads nothing while title and avatar name different peers (a header half rebuilt)', () => {
    const doc = page('private-chat');
    doc.querySelector('.chat.active .person-avatar')?.setAttribute('data-peer-id', '777002');
    expect(telegramK.readContact(doc, new URL(K))).toBeUndefined();
  });

  it('reads nothing in views whose header is not a peer (pinned messages, scheduled)', () => {
    const doc = page('private-chat');
    doc.querySelector('.chat.active')?.setAttribute('data-type', 'pinned');
    expect(telegramK.readContact(doc, new URL(K))).toBeUndefined();
  });

  it('still reads the contact when the header has lost its button group', () => {
    expect(telegramK.readContact(page('missing-buttons'), new URL(K))?.externalId).toBe('777001');
  });
});

describe('Telegram Web K: where the button goes', () => {
  it("is the header's button group of the active chat", () => {
    const doc = page('private-chat');
    const mountPoint = telegramK.findMountPoint(doc);
    expect(mountPoint?.classList.contains('chat-utils')).toBe(true);
    expect(mountPoint?.closest('.chat')?.classList.contains('active')).toBe(true);
  });

  it('is in the chat that became active during a switch', () => {
    const mountPoint = telegramK.findMountPoint(page('chat-switching'));
    expect(mountPoint?.closest('.chat')?.querySelector('.user-title .peer-title')?.textContent).toBe('Anna Petrova');
  });

  it('is missing when the header has no button group', () => {
    expect(telegramK.findMountPoint(page('missing-buttons'))).toBeUndefined();
  });

  it('is missing when no chat is open', () => {
    expect(telegramK.findMountPoint(page('no-chat'))).toBeUndefined();
  });

  it('watches the center column, which holds every chat', () => {
    expect(telegramK.conversationRoot(page('no-chat'))?.id).toBe('column-center');
  });
});

describe('Telegram Web K: which pages are its own', () => {
  it.each([K, `${K}#@anna_leads`, `${K}#-1234567890`, `${K}?account=2#777002`])('accepts %s', (url) => {
    expect(telegramK.matchesUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://web.telegram.org/a/#777001',
    'https://web.telegram.org/a/',
    'https://web.telegram.org/',
    'https://web.telegram.org/k',
    'http://web.telegram.org/k/',
    'https://web.whatsapp.com/',
    'https://web.telegram.org.evil.example/k/',
    'https://evil.example/k/?https://web.telegram.org/k/',
    'https://web.telegram.org@evil.example/k/',
  ])('rejects %s', (url) => {
    expect(telegramK.matchesUrl(new URL(url))).toBe(false);
  });
});
