import type { IncomingMessage } from '../../schemas';
import { firstIncoming, messageText, timeLabel } from '../shared/incoming-messages';
import { queryFirst } from '../shared/query';
import { INCOMING_BUBBLE, INCOMING_ROWS, MESSAGE_META, MESSAGE_META_ATTRIBUTE, MESSAGE_TEXT } from './selectors';

/** The lead's first loaded messages in the open chat: both the key and the drawing must say the lead sent it. */
export function readIncomingMessages(doc: Document, limit: number): IncomingMessage[] {
  return firstIncoming(doc.querySelectorAll(INCOMING_ROWS), limit, (row) => {
    const bubble = queryFirst(row, INCOMING_BUBBLE);
    const body = bubble && queryFirst(bubble, MESSAGE_TEXT);
    if (!bubble || !body) return undefined;
    const time = timeLabel(queryFirst(bubble, MESSAGE_META)?.getAttribute(MESSAGE_META_ATTRIBUTE));
    return { text: messageText(body, '[aria-hidden="true"]'), ...(time && { time }) };
  });
}
