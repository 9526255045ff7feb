import { MESSAGE_TEXT_MAX, type IncomingMessage } from '../../schemas';

/** A clock time as chat apps write it beside a message: `10:31`, `9:05 AM`. */
const CLOCK_TIME = /\b\d{1,2}:\d{2}(?:\s?[AP]M)?/i;

export function timeLabel(text: string | null | undefined): string | undefined {
  return text ? CLOCK_TIME.exec(text)?.[0] : undefined;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * The text a reader sees in a message, leaving out what the app draws inside the bubble besides it (its time, its
 * reactions): emoji drawn as images count by their alt text, white space collapses, and reading stops at
 * MESSAGE_TEXT_MAX characters, as much as the matcher ever looks at.
 */
export function messageText(element: Element, leaveOut: string): string {
  let text = '';
  const walk = (node: Node): void => {
    if (text.length > MESSAGE_TEXT_MAX) return;
    if (node.nodeType === TEXT_NODE) text += node.nodeValue ?? '';
    else if (node.nodeType !== ELEMENT_NODE) return;
    else if ((node as Element).matches(leaveOut)) return;
    else if ((node as Element).tagName === 'IMG') text += (node as Element).getAttribute('alt') ?? '';
    else node.childNodes.forEach(walk);
  };
  element.childNodes.forEach(walk);
  return text.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_TEXT_MAX);
}

/**
 * The first `limit` of the lead's messages in page order (oldest loaded first), each read by `read`; bubbles it cannot
 * read (a sticker, a photo without caption) are skipped and do not count. Stops as soon as it has enough.
 */
export function firstIncoming(
  bubbles: Iterable<Element>,
  limit: number,
  read: (bubble: Element) => IncomingMessage | undefined,
): IncomingMessage[] {
  const found: IncomingMessage[] = [];
  for (const bubble of bubbles) {
    if (found.length >= limit) break;
    const message = read(bubble);
    if (message?.text) found.push(message);
  }
  return found;
}
