import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import { contentScriptMatches } from '../../../lib/adapters/site-matches';
import { trustedPagePredicate } from '../../../lib/background/trusted-pages';
import { routeMessage, type MessageHandlers } from '../../../lib/messaging/router';
import { envelopeSchema, messages, replySchema, type MessageName } from '../../../lib/schemas';
import { anything } from './arbitraries';
import { parseNamingIssues } from './issues';
import { runs } from './runs';
import { EXTENSION_ID, FORGED, optionsPage, popup, telegramK, type Sender } from '../security/senders';

const NAMES = Object.keys(messages) as MessageName[];
const isTrustedContentPage = trustedPagePredicate(contentScriptMatches);

/** An object with the keys a schema reads, each holding anything: refusals then land on fields, not the root. */
function shapedLike(schema: z.ZodMiniType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.ZodMiniType>;
    options?: z.ZodMiniType[];
    in?: z.ZodMiniType;
    innerType?: z.ZodMiniType;
  };
  if (def.type === 'object' && def.shape) {
    const keys = Object.keys(def.shape);
    return fc.record(Object.fromEntries(keys.map((key) => [key, fc.oneof(anything, fc.string({ maxLength: 10 }))])), {
      requiredKeys: [],
    });
  }
  if (def.type === 'union' && def.options?.length) return fc.oneof(...def.options.map(shapedLike));
  if (def.type === 'pipe' && def.in) return shapedLike(def.in);
  if ((def.type === 'nullable' || def.type === 'optional') && def.innerType) return shapedLike(def.innerType);
  if (def.type === 'array') return fc.array(anything, { maxLength: 3 });
  return anything;
}

describe('every message of the map', () => {
  it('refuses a bad request without throwing, naming its field', () => {
    const request = fc
      .constantFrom(...NAMES)
      .chain((name) =>
        fc.record({ name: fc.constant(name), payload: fc.oneof(shapedLike(messages[name].request), anything) }),
      );
    fc.assert(
      fc.property(request, ({ name, payload }) => {
        parseNamingIssues(messages[name].request, payload);
      }),
      runs('messageRequests'),
    );
  });

  it('refuses a bad answer without throwing, naming its field, so the UI never shows what the map does not allow', () => {
    const response = fc
      .constantFrom(...NAMES)
      .chain((name) =>
        fc.record({ name: fc.constant(name), body: fc.oneof(shapedLike(messages[name].response), anything) }),
      );
    fc.assert(
      fc.property(response, ({ name, body }) => {
        parseNamingIssues(messages[name].response, body);
      }),
      runs('messageResponses'),
    );
  });
});

describe('the router, given any envelope from any sender', () => {
  const SENDERS: Readonly<Record<string, Sender>> = {
    popup,
    options: optionsPage,
    'content script on Telegram K': telegramK,
    ...FORGED,
  };

  function allowedKind(sender: Sender): 'extension' | 'content' | undefined {
    if (sender.id !== EXTENSION_ID || !sender.url) return undefined;
    if (sender.url.startsWith(`chrome-extension://${EXTENSION_ID}/`)) return 'extension';
    return sender.tab && isTrustedContentPage(sender.url) ? 'content' : undefined;
  }

  const name = fc.oneof(
    { arbitrary: fc.constantFrom(...NAMES), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'session.GET',
        'event.submit ',
        '',
      ),
      weight: 1,
    },
    { arbitrary: fc.string({ maxLength: 16 }), weight: 1 },
  );
  const envelope = fc.oneof(
    {
      arbitrary: name.chain((n) =>
        fc.record({
          name: fc.constant(n),
          payload: NAMES.includes(n as MessageName) ? shapedLike(messages[n as MessageName].request) : anything,
        }),
      ),
      weight: 3,
    },
    { arbitrary: fc.record({ name: fc.constantFrom(...NAMES), payload: fc.constant({}) }), weight: 1 },
    { arbitrary: anything, weight: 1 },
  );

  it('answers every envelope with a reply of the wire shape, and calls a handler only for an allowed sender and a valid request', async () => {
    await fc.assert(
      fc.asyncProperty(envelope, fc.constantFrom(...Object.keys(SENDERS)), async (raw, who) => {
        const sender = SENDERS[who] as Sender;
        const calls: { name: string; request: unknown }[] = [];
        const handlers = Object.fromEntries(
          NAMES.map((n) => [
            n,
            async (request: unknown) => {
              calls.push({ name: n, request });
              return { handled: n };
            },
          ]),
        ) as unknown as MessageHandlers;

        const reply = await routeMessage(raw, sender, handlers, { isTrustedContentPage });

        expect(replySchema.safeParse(reply).success).toBe(true);
        const envelopeOk = envelopeSchema.safeParse(raw);
        const known = envelopeOk.success && Object.hasOwn(messages, envelopeOk.data.name);
        if (!known) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_message' } });
          expect(calls).toEqual([]);
          return;
        }
        const messageName = envelopeOk.data.name as MessageName;
        const spec = messages[messageName];
        const kind = allowedKind(sender);
        const senderAllowed = kind === 'extension' || (kind === 'content' && spec.from === 'content');
        const request = spec.request.safeParse(envelopeOk.data.payload);
        if (!senderAllowed) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          expect(calls).toEqual([]);
        } else if (!request.success) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
          const fields = reply.ok ? {} : (reply.error.fields ?? {});
          expect(Object.keys(fields).length).toBeGreaterThan(0);
          for (const [field, message] of Object.entries(fields)) {
            expect(field).not.toBe('');
            expect(message.trim()).not.toBe('');
          }
          expect(calls).toEqual([]);
        } else {
          expect(reply).toEqual({ ok: true, data: { handled: messageName } });
          expect(calls).toEqual([{ name: messageName, request: request.data }]);
        }
      }),
      runs('envelopes'),
    );
  });
});
