import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The few things the background tells a tab's content script, as opposed to the requests content scripts send it
 * (lib/schemas/messages.ts). Kept apart so the content script answers nothing of that map, and nothing but these.
 */
export const contentMessages = {
  /** The manager pressed the browser command (Alt+Shift+D by default): open or close the panel in this tab. */
  'panel.toggle': z.object({}),
} as const satisfies Record<string, z.ZodMiniType>;

export type ContentMessageName = keyof typeof contentMessages;
export type ContentMessagePayload<N extends ContentMessageName> = z.output<(typeof contentMessages)[N]>;

const contentEnvelopeSchema = z.object({ to: z.literal('content'), name: z.string(), payload: z.unknown() });

/** Background side: tells the content script in `tabId`; rejects when the tab has none (a page Tracker Data is not on). */
export async function tellTab<N extends ContentMessageName>(
  tabId: number,
  name: N,
  payload: ContentMessagePayload<N>,
): Promise<void> {
  await browser.tabs.sendMessage(tabId, { to: 'content', name, payload });
}

type Sender = Browser.runtime.MessageSender;

/**
 * Only the background may say these: our own extension id and no tab (a content script, ours or another extension's
 * in another frame, always has one). Anything else, or any shape not in the map, is ignored.
 */
export function parseContentMessage(
  raw: unknown,
  sender: Sender,
): { name: ContentMessageName; payload: unknown } | undefined {
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  const envelope = contentEnvelopeSchema.safeParse(raw);
  if (!envelope.success || !Object.hasOwn(contentMessages, envelope.data.name)) return undefined;
  const name = envelope.data.name as ContentMessageName;
  const payload = contentMessages[name].safeParse(envelope.data.payload);
  return payload.success ? { name, payload: payload.data } : undefined;
}

export type ContentHandlers = { [N in ContentMessageName]: (payload: ContentMessagePayload<N>) => void };

/** Content script side: calls the handler of each message the background sends; returns the way to stop listening. */
export function listenToBackground(handlers: ContentHandlers): () => void {
  const listener = (raw: unknown, sender: Sender) => {
    const message = parseContentMessage(raw, sender);
    if (!message) return undefined;
    (handlers[message.name] as (payload: unknown) => void)(message.payload);
    return Promise.resolve({ ok: true });
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
