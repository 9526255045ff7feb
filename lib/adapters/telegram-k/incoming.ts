import type { IncomingMessage } from '../../schemas';
import { firstIncoming, messageText, timeLabel } from '../shared/incoming-messages';
import { queryFirst } from '../shared/query';
import { ACTIVE_CHAT, BUBBLE_TEXT, BUBBLE_TIME, INCOMING_BUBBLES, NOT_BUBBLE_TEXT } from './selectors';

/** The lead's first loaded messages in the chat being shown, never in one still animating out. */
export function readIncomingMessages(doc: Document, limit: number): IncomingMessage[] {
  const chat = queryFirst(doc, ACTIVE_CHAT);
  if (!chat) return [];
  return firstIncoming(chat.querySelectorAll(INCOMING_BUBBLES), limit, (bubble) => {
    const body = queryFirst(bubble, BUBBLE_TEXT);
    if (!body) return undefined;
    const timeElement = queryFirst(bubble, BUBBLE_TIME);
    const time = timeLabel(timeElement?.textContent);
    return { text: messageText(body, NOT_BUBBLE_TEXT), ...(time && { time }) };
  });
}
