import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { envelopeSchema, messages, type MessageName, type MessageResponse, type Reply } from '../schemas';

type Sender = Browser.runtime.MessageSender;

export type MessageHandlers = {
  [N in MessageName]: (
    request: z.output<(typeof messages)[N]['request']>,
    sender: Sender,
  ) => Promise<MessageResponse<N>>;
};

export interface RouterOptions {
  /** Whether a content script on this page URL may talk to the background (a chat site the extension runs on). */
  isTrustedContentPage: (url: string) => boolean | Promise<boolean>;
}

function refuse(code: string, message: string, fields?: Record<string, string>): Reply {
  return { ok: false, error: { code, message, ...(fields ? { fields } : {}) } };
}

/** A handler's error may name its code (`storage_failed`), so the UI can tell it from a bug; any other is `internal`. */
function codeOf(error: unknown): string {
  const code: unknown = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^[a-z_]+$/.test(code) ? code : 'internal';
}

/** Who sent it: one of our extension pages, our content script on a trusted page, or nobody we answer. */
async function senderKind(sender: Sender, options: RouterOptions): Promise<'extension' | 'content' | undefined> {
  if (sender.id !== browser.runtime.id || !sender.url) return undefined;
  if (sender.url.startsWith(browser.runtime.getURL('/'))) return 'extension';
  if (sender.tab && (await options.isTrustedContentPage(sender.url))) return 'content';
  return undefined;
}

/** Answers one envelope: fails closed on an unknown name, a wrong shape or a sender that may not send it. */
export async function routeMessage(
  raw: unknown,
  sender: Sender,
  handlers: MessageHandlers,
  options: RouterOptions,
): Promise<Reply> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success || !Object.hasOwn(messages, envelope.data.name))
    return refuse('unknown_message', 'Unknown message');
  const name = envelope.data.name as MessageName;
  const spec = messages[name];
  const kind = await senderKind(sender, options);
  if (!kind || (spec.from === 'extension' && kind !== 'extension'))
    return refuse('forbidden', `${name} is not allowed from this sender`);
  const request = spec.request.safeParse(envelope.data.payload);
  if (!request.success) {
    const fields = Object.fromEntries(
      request.error.issues.map((issue) => [issue.path.join('.') || 'request', issue.message]),
    );
    return refuse('validation_failed', `${name}: the request is not valid`, fields);
  }
  try {
    const handler = handlers[name] as (request: unknown, sender: Sender) => Promise<unknown>;
    return { ok: true, data: await handler(request.data, sender) };
  } catch (error) {
    return refuse(codeOf(error), error instanceof Error ? error.message : String(error));
  }
}

/** Registers the one runtime message listener; call it synchronously at worker start. */
export function listenForMessages(handlers: MessageHandlers, options: RouterOptions): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Sender) => routeMessage(raw, sender, handlers, options));
}
