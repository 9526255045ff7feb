import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { z } from 'zod';
import { envelopeSchema, messages, type ApiError, type MessageName, type MessageResponse } from '../../../lib/schemas';

type Request<N extends MessageName> = z.output<(typeof messages)[N]['request']>;
export type Handler<N extends MessageName> = (request: Request<N>) => MessageResponse<N> | Promise<MessageResponse<N>>;
export type Handlers = { [N in MessageName]?: Handler<N> };

/** Thrown by a handler to refuse a message, as the background does (`{ ok: false, error }`). */
export class Refusal extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface FakeBackground {
  /** Every message the UI sent, in order. */
  readonly sent: { name: string; payload: unknown }[];
  /** The requests sent under one name, as the background parsed them. */
  sentAs<N extends MessageName>(name: N): Request<N>[];
  /** Replaces or adds handlers while a test runs. */
  answer(handlers: Handlers): void;
}

/**
 * A stand-in for the background service worker: answers runtime messages on WXT's fake browser from per-name
 * handlers, checking each request against the message map as the real router does.
 */
export function startFakeBackground(initial: Handlers): FakeBackground {
  const handlers: Handlers = { ...initial };
  const sent: { name: string; payload: unknown }[] = [];

  async function reply(raw: unknown) {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success || !Object.hasOwn(messages, envelope.data.name)) {
      return { ok: false, error: { code: 'unknown_message', message: 'Unknown message' } };
    }
    const name = envelope.data.name as MessageName;
    sent.push({ name, payload: envelope.data.payload });
    const request = messages[name].request.safeParse(envelope.data.payload);
    if (!request.success) {
      const fields = Object.fromEntries(
        request.error.issues.map((issue) => [issue.path.join('.') || 'request', issue.message]),
      );
      return { ok: false, error: { code: 'validation_failed', message: `${name}: the request is not valid`, fields } };
    }
    const handler = handlers[name] as ((request: unknown) => unknown) | undefined;
    if (!handler)
      return { ok: false, error: { code: 'internal', message: `The fake background has no answer to ${name}` } };
    try {
      return { ok: true, data: await handler(request.data) };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  }

  fakeBrowser.runtime.onMessage.addListener(
    (raw: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
      void reply(raw).then(sendResponse);
      return true;
    },
  );

  return {
    sent,
    sentAs: <N extends MessageName>(name: N) =>
      sent
        .filter((message) => message.name === name)
        .map((message) => messages[name].request.parse(message.payload) as Request<N>),
    answer: (more) => Object.assign(handlers, more),
  };
}
