import type { IncomingMessage } from '../../schemas';
import { firstIncoming, messageText, timeLabel } from '../shared/incoming-messages';
import { queryFirst } from '../shared/query';
import { queryAllFirst } from '../shared/query-all';
import { CONVERSATION_ROOT, INCOMING_MESSAGES, MESSAGE_TEXT, MESSAGE_TIME } from './selectors';

/** The contact's first loaded messages in the open conversation. */
export function readIncomingMessages(doc: Document, limit: number): IncomingMessage[] {
  const root = queryFirst(doc, CONVERSATION_ROOT);
  if (!root) return [];
  return firstIncoming(queryAllFirst(root, INCOMING_MESSAGES), limit, (message) => {
    const body = queryFirst(message, MESSAGE_TEXT);
    if (!body) return undefined;
    const time = timeLabel(queryFirst(message, MESSAGE_TIME)?.textContent);
    return { text: messageText(body, '[aria-hidden="true"]'), ...(time && { time }) };
  });
}
