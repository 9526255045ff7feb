import { browser } from 'wxt/browser';
import {
  messages,
  outboxStampSchema,
  replySchema,
  stored,
  type MessageName,
  type MessageRequest,
  type MessageResponse,
  type OutboxStamp,
} from '../schemas';

/** The background refused or failed a request; `code` is the platform's or the router's error code. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Sends a typed message to the background and checks its answer against the message map. */
export async function sendMessage<N extends MessageName>(
  name: N,
  payload: MessageRequest<N>,
): Promise<MessageResponse<N>> {
  const raw: unknown = await browser.runtime.sendMessage({ name, payload });
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError('bad_reply', `The extension's background gave no valid answer to ${name}`);
  if (!reply.data.ok) throw new MessageError(reply.data.error.code, reply.data.error.message, reply.data.error.fields);
  const response = messages[name].response.safeParse(reply.data.data);
  if (!response.success) throw new MessageError('bad_reply', `The answer to ${name} does not match the message map`);
  return response.data as MessageResponse<N>;
}

export type BackgroundChange = 'outbox' | 'session' | 'settings';

/**
 * Calls back when the background changes what the UI shows. The background writes these records and nothing else
 * does, so a storage change is the one signal that survives the service worker being stopped between events. With an
 * outbox change comes a reader of the records as written, so a UI can tell a change it already shows; it reads none
 * when a record was removed or set aside, or does not read as one.
 */
export function onBackgroundChange(
  callback: (change: BackgroundChange, readWritten?: () => OutboxStamp[] | undefined) => void,
): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    const outboxKeys = keys.filter(
      (key) => key.startsWith(stored.outboxRecord.prefix) || key.startsWith(stored.quarantined.prefix),
    );
    if (outboxKeys.length) callback('outbox', () => stampsOf(outboxKeys.map((key) => changes[key]?.newValue)));
    if (keys.includes(stored.sessionSummary.key)) callback('session');
    if (keys.includes(stored.settings.key)) callback('settings');
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

function stampsOf(values: unknown[]): OutboxStamp[] | undefined {
  const stamps: OutboxStamp[] = [];
  for (const value of values) {
    const parsed = outboxStampSchema.safeParse(value);
    if (!parsed.success) return undefined;
    stamps.push(parsed.data);
  }
  return stamps;
}
