import { describe, expect, it } from 'vitest';
import { chatwoot } from '../../lib/adapters/chatwoot';
import type { SiteAdapter } from '../../lib/adapters/shared/site-adapter';
import { telegramA } from '../../lib/adapters/telegram-a';
import { telegramK } from '../../lib/adapters/telegram-k';
import { whatsapp } from '../../lib/adapters/whatsapp';
import { INCOMING_MESSAGES_MAX, matchFirstMessage } from '../../lib/schemas';
import { parseFixture } from './support/fixtures';

/** The team's pattern as an admin would set it for prefilled `?text=ref: <click id>` links. */
const REF = 'ref[:\\s]*([A-Za-z0-9_-]{6,64})';

interface Site {
  adapter: SiteAdapter;
  folder: string;
  /** A chat whose lead sent no code. */
  plainChat: string;
  /** How the app writes 10:31 beside a message. */
  time: (clock: string) => string;
}

const SITES: Site[] = [
  { adapter: telegramK, folder: 'telegram-k', plainChat: 'private-chat', time: (clock) => clock },
  { adapter: telegramA, folder: 'telegram-a', plainChat: 'private-chat', time: (clock) => clock },
  { adapter: whatsapp, folder: 'whatsapp', plainChat: 'private-chat', time: (clock) => clock },
  { adapter: chatwoot, folder: 'chatwoot', plainChat: 'telegram-conversation', time: (morning) => `${morning} AM` },
];

describe.each(SITES)("$adapter.label: the lead's own messages", ({ adapter, folder, plainChat, time }) => {
  const page = (name: string) => parseFixture(`${folder}/${name}.html`);
  const read = (name: string, limit = INCOMING_MESSAGES_MAX) => adapter.readIncomingMessages?.(page(name), limit) ?? [];

  it("reads the lead's messages with their times, and none of the manager's", () => {
    expect(read('first-message')).toEqual([
      { text: 'Hi! ref: ab12cd34 I came from your ad about the spring promo.', time: time('10:31') },
      { text: "Done, I'm registered. I'd like to top up my account", time: time('10:42') },
    ]);
  });

  it('gives the click id of the first message that carries one, and its time', () => {
    expect(matchFirstMessage(REF, read('first-message'))).toEqual({ clickId: 'ab12cd34', time: time('10:31') });
  });

  it("finds nothing in a chat where the lead's messages carry no code", () => {
    expect(read(plainChat).length).toBeGreaterThan(0);
    expect(matchFirstMessage(REF, read(plainChat))).toBeUndefined();
  });

  it("ignores a code in the manager's own messages", () => {
    const messages = read('manager-code');
    expect(messages).toEqual([{ text: 'Hi! I came from your ad about the spring promo.', time: time('10:31') }]);
    expect(matchFirstMessage(REF, messages)).toBeUndefined();
  });

  it('in a long chat whose first message is not loaded, reads only the first few loaded and proposes nothing', () => {
    const messages = read('long-chat');
    expect(messages.map((message) => message.text)).toEqual(
      [1, 2, 3, 4, 5].map((question) => `Question ${question}: when does the bonus arrive?`),
    );
    expect(matchFirstMessage(REF, messages)).toBeUndefined();
  });

  it('reads no more messages than asked for', () => {
    expect(read('first-message', 1)).toHaveLength(1);
  });
});

describe("the lead's messages in a chat being switched", () => {
  it('Telegram Web K reads the chat that became active (Anna), never the one animating out (Boris)', () => {
    const doc = parseFixture('telegram-k/chat-switching.html');
    expect(telegramK.readIncomingMessages?.(doc, INCOMING_MESSAGES_MAX)).toEqual([
      { text: "I'd like to top up my account" },
    ]);
  });
});
