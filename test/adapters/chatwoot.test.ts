// @vitest-environment-options {"url": "https://app.chatwoot.com/app/accounts/1/dashboard"}
import { describe, expect, it } from 'vitest';
import { adapterForAddedSite, adapterForUrl } from '../../lib/adapters/registry';
import { chatwoot, createChatwootAdapter } from '../../lib/adapters/chatwoot';
import { readChatState } from '../../lib/adapters/shared/chat-watcher';
import { parseFixture } from './support/fixtures';

const CLOUD = 'https://app.chatwoot.com';
const page = (name: string) => parseFixture(`chatwoot/${name}.html`);
const at = (path: string, origin = CLOUD) => new URL(`${origin}${path}`);

describe('Chatwoot: the contact of the open conversation', () => {
  it('reads a Telegram-inbox conversation as the Telegram contact its identifier names, with its username', () => {
    const state = readChatState(chatwoot, page('telegram-conversation'), at('/app/accounts/1/conversations/7'));
    expect(state.contact).toEqual({
      channel: 'telegram',
      externalId: '777001',
      displayName: 'Anna Petrova',
      username: 'anna_leads',
    });
    expect(state.unidentified).toBeUndefined();
  });

  it("reads a web-widget conversation as a web contact under Chatwoot's contact id, never the visitor's message", () => {
    const state = readChatState(
      chatwoot,
      page('web-widget-conversation'),
      at('/app/accounts/1/inbox/2/conversations/9'),
    );
    expect(state.contact).toEqual({ channel: 'web', externalId: '103', displayName: 'Maria Lopez' });
  });

  it('reads a WhatsApp-inbox conversation (the 2024 dashboard, its avatar badge) as the phone number’s digits', () => {
    const state = readChatState(
      chatwoot,
      page('whatsapp-conversation'),
      at('/app/accounts/3/label/vip/conversations/10'),
    );
    expect(state.contact).toEqual({ channel: 'whatsapp', externalId: '5511912345678', displayName: 'Pedro Alves' });
  });

  it('prefers the identifier the site gave a web contact, also when the agent shows icons as emoji', () => {
    const doc = page('web-identifier-emoji');
    const url = at('/app/accounts/2/conversations/41', 'https://chat.example-agency.com');
    expect(createChatwootAdapter(['chat.example-agency.com']).readContact(doc, url)).toEqual({
      channel: 'web',
      externalId: 'lead-8842',
      displayName: 'Ivan Kuznetsov',
    });
  });

  it('finds the identifier by its icon also where the icon is an icon-font <i> (dashboards before the svg icons)', () => {
    const doc = page('telegram-conversation');
    const svg = doc.querySelector('.contact-identify')!;
    const fontIcon = doc.createElement('i');
    fontIcon.className = 'icon--font contact-identify';
    svg.replaceWith(fontIcon);
    expect(chatwoot.readContact(doc, at('/app/accounts/1/conversations/7'))?.externalId).toBe('777001');
  });

  it.each([
    ['/app/accounts/1/conversations/7'],
    ['/app/accounts/1/inbox/4/conversations/7'],
    ['/app/accounts/1/label/vip/conversations/7'],
    ['/app/accounts/1/team/2/conversations/7'],
    ['/app/accounts/1/custom_view/5/conversations/7'],
    ['/app/accounts/1/mentions/conversations/7'],
    ['/app/accounts/1/unattended/conversations/7/'],
  ])('reads the conversation on every route that shows one: %s', (path) => {
    expect(chatwoot.readContact(page('telegram-conversation'), at(path))?.externalId).toBe('777001');
  });

  it('reads nothing, and asks nothing, when no conversation is open', () => {
    expect(readChatState(chatwoot, page('no-conversation'), at('/app/accounts/1/dashboard'))).toEqual({
      contact: undefined,
      unidentified: undefined,
      mountPoint: undefined,
    });
    // A conversation's page left on screen under a list URL (the router moved first): nothing until it re-renders.
    expect(
      readChatState(chatwoot, page('telegram-conversation'), at('/app/accounts/1/dashboard')).contact,
    ).toBeUndefined();
  });

  it('reads nobody while the header and the contact panel name different people (mid-switch), and asks nothing', () => {
    const state = readChatState(chatwoot, page('mid-switch'), at('/app/accounts/1/conversations/8'));
    expect(state.contact).toBeUndefined();
    expect(state.unidentified).toBeUndefined();
  });
});

describe('Chatwoot: conversations whose lead the page does not show', () => {
  it('asks for the Telegram id when the contact panel is closed, remembered per installation, account and conversation', () => {
    const state = readChatState(chatwoot, page('panel-closed'), at('/app/accounts/1/conversations/7'));
    expect(state.contact).toBeUndefined();
    expect(state.unidentified).toEqual({
      channel: 'telegram',
      chatKey: 'app.chatwoot.com/accounts/1/conversations/7',
      displayName: 'Anna Petrova',
    });
  });

  it('asks for the Telegram id when the contact has no identifier that is one', () => {
    const doc = page('telegram-conversation');
    const identifier = [...doc.querySelectorAll('.contact-identify')].map((icon) => icon.nextElementSibling)[0];
    identifier!.textContent = 'anna@example.com';
    expect(readChatState(chatwoot, doc, at('/app/accounts/1/conversations/7')).unidentified?.channel).toBe('telegram');
  });

  it('asks, as a web chat, when the header cannot be read any more but a conversation is on screen', () => {
    const doc = page('web-widget-conversation');
    doc.querySelector('.conversation--header--actions')?.classList.remove('conversation--header--actions');
    expect(readChatState(chatwoot, doc, at('/app/accounts/1/inbox/2/conversations/9'))).toEqual({
      contact: undefined,
      unidentified: {
        channel: 'web',
        chatKey: 'app.chatwoot.com/accounts/1/conversations/9',
        displayName: 'Maria Lopez',
      },
      mountPoint: undefined,
    });
  });

  it('asks for the phone number when a WhatsApp conversation’s contact has none', () => {
    const doc = page('whatsapp-conversation');
    doc.querySelector('.contact--metadata a[href^="tel:"]')?.closest('.contact-info--row')?.remove();
    const url = at('/app/accounts/3/label/vip/conversations/10');
    expect(readChatState(chatwoot, doc, url).unidentified).toEqual({
      channel: 'whatsapp',
      chatKey: 'app.chatwoot.com/accounts/3/conversations/10',
      displayName: 'Pedro Alves',
    });
  });
});

describe('Chatwoot: where the Tracker Data button goes', () => {
  it("mounts in the header's actions area (2024 and current dashboards)", () => {
    const doc = page('telegram-conversation');
    expect(chatwoot.findMountPoint(doc)).toBe(doc.querySelector('.header-actions-wrap'));
    const old = page('whatsapp-conversation');
    expect(chatwoot.findMountPoint(old)).toBe(old.querySelector('.header-actions-wrap'));
  });

  it('has no mount point when the header lost its actions area, yet still reads the contact', () => {
    const state = readChatState(chatwoot, page('missing-header-actions'), at('/app/accounts/1/conversations/8'));
    expect(state.mountPoint).toBeUndefined();
    expect(state.contact).toEqual({ channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' });
  });

  it('watches the conversation box, which holds the header, the messages and the contact panel', () => {
    const doc = page('telegram-conversation');
    expect(chatwoot.conversationRoot(doc)).toBe(doc.querySelector('.conversation-details-wrap'));
  });
});

describe('Chatwoot: which pages it claims', () => {
  it('claims Chatwoot Cloud, and a self-hosted host only once the manager added it', () => {
    expect(adapterForUrl('https://app.chatwoot.com/app/accounts/1/conversations/7')?.id).toBe('chatwoot');
    expect(adapterForUrl('https://chat.example-agency.com/app/accounts/1/conversations/7')).toBeUndefined();

    const added = { kind: 'chatwoot', host: 'chat.example-agency.com' } as const;
    expect(
      adapterForAddedSite(new URL('https://chat.example-agency.com/app/accounts/1/conversations/7'), added)?.id,
    ).toBe('chatwoot');
    expect(adapterForAddedSite(new URL('https://chat.example-agency.com:8443/app/'), added)?.id).toBe('chatwoot');
    expect(adapterForAddedSite(new URL('http://chat.example-agency.com/app/'), added)).toBeUndefined();
    expect(adapterForAddedSite(new URL('https://evil.example/app/'), added)).toBeUndefined();
  });

  it.each(['https://chatwoot.com/', 'https://app.chatwoot.com.evil.example/app/', 'http://app.chatwoot.com/app/'])(
    'does not claim %s',
    (url) => {
      expect(chatwoot.matchesUrl(new URL(url))).toBe(false);
    },
  );
});
