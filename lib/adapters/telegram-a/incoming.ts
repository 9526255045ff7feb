import type { IncomingMessage } from '../../schemas';
import { firstIncoming, messageText, timeLabel } from '../shared/incoming-messages';
import { queryFirst } from '../shared/query';
import { queryAllFirst } from '../shared/query-all';
import { INCOMING_MESSAGES, MESSAGE_TEXT, MESSAGE_TIME, NOT_MESSAGE_TEXT } from './selectors';

/** The lead's first loaded messages in the open chat's list. */
export function readIncomingMessages(doc: Document, limit: number): IncomingMessage[] {
  return firstIncoming(queryAllFirst(doc, INCOMING_MESSAGES), limit, (message) => {
    const body = queryFirst(message, MESSAGE_TEXT);
    if (!body) return undefined;
    const time = timeLabel(queryFirst(message, MESSAGE_TIME)?.textContent);
    return { text: messageText(body, NOT_MESSAGE_TEXT), ...(time && { time }) };
  });
}
