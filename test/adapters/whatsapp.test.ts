// @vitest-environment-options {"url": "https://web.whatsapp.com/"}
import { describe, expect, it } from 'vitest';
import { whatsapp } from '../../lib/adapters/whatsapp';
import { parseFixture } from './support/fixtures';

const WA = new URL('https://web.whatsapp.com/');
const page = (name: string) => parseFixture(`whatsapp/${name}.html`);
const read = (name: string) => {
  const doc = page(name);
  return { contact: whatsapp.readContact(doc, WA), unidentified: whatsapp.readUnidentifiedChat?.(doc, WA) };
};

describe('WhatsApp Web: the contact of the open chat', () => {
  it('reads a private chat as the phone digits of its @c.us jid, with the name from the header', () => {
    expect(read('private-chat')).toEqual({
      contact: { channel: 'whatsapp', externalId: '79990000001', displayName: 'Anna Petrova' },
      unidentified: undefined,
    });
  });

  it("reads a group as unidentified under its jid, never as a member's number", () => {
    expect(read('group-chat')).toEqual({
      contact: undefined,
      unidentified: { channel: 'whatsapp', chatKey: '120363000000000001@g.us', displayName: 'Leads Group' },
    });
  });

  it('reads a chat behind a privacy id (@lid) as unidentified under that id', () => {
    expect(read('lid-chat')).toEqual({
      contact: undefined,
      unidentified: { channel: 'whatsapp', chatKey: '104857600000001@lid', displayName: 'Hidden Lead' },
    });
  });

  it('reads nothing on the intro screen, where no chat is open', () => {
    expect(read('no-chat')).toEqual({ contact: undefined, unidentified: undefined });
  });

  it('reads nothing while #main is being built and no row names the chat yet (never a guess from the title)', () => {
    expect(read('rebuilding')).toEqual({ contact: undefined, unidentified: undefined });
  });

  it('reads an empty chat of a 2020 build from the jid in its header avatar URL', () => {
    expect(read('empty-chat-2020').contact).toEqual({
      channel: 'whatsapp',
      externalId: '79990000004',
      displayName: 'Dmitry Orlov',
    });
  });

  it('still reads the contact when the header has lost its button area', () => {
    expect(read('missing-buttons').contact?.externalId).toBe('79990000001');
  });

  it('reads nothing while the rows name two different chats (a conversation half rebuilt)', () => {
    const doc = page('private-chat');
    doc.querySelector('[data-id]')?.setAttribute('data-id', 'false_79990000002@c.us_3EB0C0A1F4D2E5B6A7FF');
    expect(whatsapp.readContact(doc, WA)).toBeUndefined();
    expect(whatsapp.readUnidentifiedChat?.(doc, WA)).toBeUndefined();
  });

  it('reads nothing when the avatar URL and the rows disagree', () => {
    const doc = page('empty-chat-2020');
    const row = doc.createElement('div');
    row.setAttribute('data-id', 'false_79990000002@c.us_3EB0C0A1F4D2E5B6A7FF');
    doc.querySelector('#main [role="region"]')?.append(row);
    expect(whatsapp.readContact(doc, WA)).toBeUndefined();
  });

  it('ignores data-id values that are not message keys', () => {
    const doc = page('private-chat');
    const stray = doc.createElement('div');
    stray.setAttribute('data-id', 'composer');
    doc.querySelector('#main footer')?.append(stray);
    expect(whatsapp.readContact(doc, WA)?.externalId).toBe('79990000001');
  });

  it('takes no phone from a @c.us jid that is not a phone number, and asks instead', () => {
    const doc = page('private-chat');
    doc.querySelectorAll('[data-id]').forEach((row, index) => row.setAttribute('data-id', `false_0@c.us_3EB0${index}`));
    expect(whatsapp.readContact(doc, WA)).toBeUndefined();
    expect(whatsapp.readUnidentifiedChat?.(doc, WA)?.chatKey).toBe('0@c.us');
  });

  it('prefers the untruncated title attribute for the name, and keeps emoji drawn as images', () => {
    const doc = page('private-chat');
    const title = doc.querySelector('#main header span[dir="auto"]')!;
    title.innerHTML = 'Anna <img alt="🌷" src="data:,"> P…';
    expect(whatsapp.readContact(doc, WA)?.displayName).toBe('Anna 🌷 P…');
    title.setAttribute('title', 'Anna 🌷 Petrova');
    expect(whatsapp.readContact(doc, WA)?.displayName).toBe('Anna 🌷 Petrova');
  });
});

describe('WhatsApp Web: where the button goes', () => {
  it("is the header's button area, after the avatar and the title", () => {
    const mountPoint = whatsapp.findMountPoint(page('private-chat'));
    expect(mountPoint?.parentElement?.matches('#main header')).toBe(true);
    expect(mountPoint?.querySelector('[aria-label="Menu"]')).not.toBeNull();
    expect(mountPoint?.textContent).not.toContain('Anna Petrova');
  });

  it('is the button area in groups and @lid chats too', () => {
    for (const name of ['group-chat', 'lid-chat']) {
      expect(whatsapp.findMountPoint(page(name))?.querySelector('[aria-label="Search…"]')).not.toBeNull();
    }
  });

  it('is the button area of a 2020 build, whose buttons are div[role=button]', () => {
    expect(whatsapp.findMountPoint(page('empty-chat-2020'))?.querySelector('[title="Menu"]')).not.toBeNull();
  });

  it('is there while #main is still being built', () => {
    expect(whatsapp.findMountPoint(page('rebuilding'))).toBeDefined();
  });

  it('is missing when the header has no button area (the floating button is used)', () => {
    expect(whatsapp.findMountPoint(page('missing-buttons'))).toBeUndefined();
  });

  it('is missing when no chat is open', () => {
    expect(whatsapp.findMountPoint(page('no-chat'))).toBeUndefined();
  });
});

describe('WhatsApp Web: what is watched for chat switches', () => {
  it("is #main's parent while a chat is open, because #main itself is replaced", () => {
    const doc = page('private-chat');
    expect(whatsapp.conversationRoot(doc)).toBe(doc.getElementById('main')?.parentElement);
  });

  it('is the app root while no chat is open', () => {
    expect(whatsapp.conversationRoot(page('no-chat'))?.id).toBe('app');
  });
});

describe('WhatsApp Web: which pages are its own', () => {
  it.each([
    'https://web.whatsapp.com/',
    'https://web.whatsapp.com/?lang=ru',
    'https://web.whatsapp.com/send?phone=79990000001',
  ])('accepts %s', (url) => {
    expect(whatsapp.matchesUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://web.telegram.org/k/',
    'https://web.telegram.org/a/#777001',
    'http://web.whatsapp.com/',
    'https://whatsapp.com/',
    'https://www.whatsapp.com/',
    'https://web.whatsapp.com.evil.example/',
    'https://evil.example/?https://web.whatsapp.com/',
    'https://web.whatsapp.com@evil.example/',
    'https://webwhatsapp.com/',
  ])('rejects %s', (url) => {
    expect(whatsapp.matchesUrl(new URL(url))).toBe(false);
  });
});
