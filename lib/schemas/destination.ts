import { z } from 'zod/mini';
import { eventTypeSchema } from './api';

/**
 * Destinations of the team's server (docs: ../shared/server.md, "Destination kinds"): where an event is forwarded, as
 * an admin configures it. Every kind is one request template plus a status map; the rules an admin can break are
 * checked here with a message at the field, so the console and the API refuse the same things the same way.
 */

export const DESTINATION_KINDS = ['keitaro', 'binom', 'voluum', 'redtrack', 'chatterfy', 'webhook'] as const;
export const destinationKindSchema = z.enum(DESTINATION_KINDS, {
  error: `Choose a kind: ${DESTINATION_KINDS.join(', ')}`,
});
export type DestinationKind = z.infer<typeof destinationKindSchema>;

/** Macros a URL or body template may use; a value is URL-encoded in a URL and JSON-escaped in a body. */
export const POSTBACK_MACROS = [
  'event_id',
  'event_type',
  'status',
  'amount',
  'currency',
  'currency_lower',
  'click_id',
  'sub_id',
  'source',
  'campaign',
  'channel',
  'contact_id',
  'username',
  'operator_email',
  'occurred_at',
] as const;
export type PostbackMacro = (typeof POSTBACK_MACROS)[number];

/** `{name}` in a template. Anything else in braces is text, except a lower-case word, which must be a known macro. */
export const MACRO_PATTERN = /\{([a-z_]+)\}/g;

export function isPostbackMacro(name: string): name is PostbackMacro {
  return (POSTBACK_MACROS as readonly string[]).includes(name);
}

export const httpMethodSchema = z.enum(['GET', 'POST'], { error: 'Choose GET or POST' });

/** One postback as sent to a destination (and, secrets masked, as the admin's "test" shows it). */
export const postbackRequestSchema = z.object({
  method: httpMethodSchema,
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.optional(z.string()),
});
export type PostbackRequest = z.infer<typeof postbackRequestSchema>;

const STATUS_MAX_LENGTH = 64;
const statusValueSchema = (eventLabel: string) =>
  z
    .string({ error: `Enter the status the tracker expects for a ${eventLabel}` })
    .check(
      z.trim(),
      z.minLength(1, `Enter the status the tracker expects for a ${eventLabel}`),
      z.maxLength(STATUS_MAX_LENGTH, `A status is at most ${STATUS_MAX_LENGTH} characters`),
    );

export const statusMapSchema = z.object({
  registration: statusValueSchema('registration'),
  deposit: statusValueSchema('deposit'),
  redeposit: statusValueSchema('redeposit'),
});
export type StatusMap = z.infer<typeof statusMapSchema>;

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers the HTTP client sets from the request itself; an admin's value would break or smuggle the request. */
const HEADERS_THE_CLIENT_SETS = ['host', 'content-length', 'transfer-encoding', 'connection'];
const HEADER_VALUE_MAX_LENGTH = 4096;
const MAX_HEADERS = 20;

export const headersSchema = z.record(z.string(), z.string({ error: 'A header value must be text' })).check(
  z.superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_HEADERS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_HEADERS} headers` });
    for (const name of names) {
      const problem = headerProblem(name, headers[name] ?? '');
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  }),
);

function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `"${name}" is not a valid header name: use letters, digits and - only`;
  if (HEADERS_THE_CLIENT_SETS.includes(name.toLowerCase())) return `The server sets ${name} itself`;
  if (/[\r\n\0]/.test(value)) return `The value of ${name} must be on one line`;
  if (value.length > HEADER_VALUE_MAX_LENGTH)
    return `The value of ${name} is longer than ${HEADER_VALUE_MAX_LENGTH} characters`;
  return undefined;
}

const URL_MAX_LENGTH = 2048;
const BODY_MAX_LENGTH = 16_384;
const NAME_MAX_LENGTH = 100;

/**
 * What each kind's `url` looks like in the tracker's own interface (server.md's table), so pasting the wrong link —
 * a campaign link, a Keitaro link without its key — is caught at the field instead of at the first failed postback.
 */
const URL_SHAPES: Partial<Record<DestinationKind, { path: RegExp; example: string }>> = {
  keitaro: { path: /\/[^/]+\/postback$/, example: 'https://<tracker>/<postback key>/postback' },
  voluum: { path: /\/postback$/, example: 'https://<tracking domain>/postback' },
  redtrack: { path: /\/postback$/, example: 'https://<tracking domain>/postback' },
  chatterfy: {
    path: /^\/api\/postbacks\/[^/]+\/tracker-postback$/,
    example: 'https://api.chatterfy.ai/api/postbacks/<id>/tracker-postback',
  },
};

const destinationFieldsSchema = z.object({
  name: z
    .string({ error: 'Enter a name' })
    .check(
      z.trim(),
      z.minLength(1, 'Enter a name'),
      z.maxLength(NAME_MAX_LENGTH, `A name is at most ${NAME_MAX_LENGTH} characters`),
    ),
  kind: destinationKindSchema,
  url: z
    .string({ error: 'Enter the postback URL' })
    .check(
      z.trim(),
      z.minLength(1, 'Enter the postback URL'),
      z.maxLength(URL_MAX_LENGTH, `A URL is at most ${URL_MAX_LENGTH} characters`),
    ),
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  events: z.array(eventTypeSchema, { error: 'Choose the event types this destination gets' }).check(
    z.minLength(1, 'Choose at least one event type'),
    z.refine((events) => new Set(events).size === events.length, 'Each event type once'),
  ),
  statusMap: statusMapSchema,
  method: z.optional(httpMethodSchema),
  headers: z.optional(headersSchema),
  body: z.optional(
    z
      .string({ error: 'The body must be text' })
      .check(z.maxLength(BODY_MAX_LENGTH, `The body is at most ${BODY_MAX_LENGTH} characters`)),
  ),
});

type DestinationFields = z.infer<typeof destinationFieldsSchema>;

function checkAcrossFields(
  destination: DestinationFields,
  ctx: { addIssue: (issue: { code: 'custom'; path: PropertyKey[]; message: string }) => void },
) {
  const urlProblem = destinationUrlProblem(destination.url, destination.kind);
  if (urlProblem) ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
  if (destination.kind !== 'webhook') {
    if (destination.method === 'POST')
      ctx.addIssue({ code: 'custom', path: ['method'], message: `A ${destination.kind} postback is a GET request` });
    if (destination.body !== undefined)
      ctx.addIssue({ code: 'custom', path: ['body'], message: `A ${destination.kind} postback has no body` });
    return;
  }
  if (destination.body === undefined) return;
  if (destination.method !== 'POST') {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: 'A GET request has no body: choose POST, or remove the body',
    });
    return;
  }
  const bodyProblem = bodyTemplateProblem(destination.body);
  if (bodyProblem) ctx.addIssue({ code: 'custom', path: ['body'], message: bodyProblem });
}

/** What an admin sends to create a destination or replace one. */
export const destinationInputSchema = destinationFieldsSchema.check(z.superRefine(checkAcrossFields));
export type DestinationInput = z.infer<typeof destinationInputSchema>;

export const destinationSchema = z
  .extend(destinationFieldsSchema, { id: z.string().check(z.minLength(1)) })
  .check(z.superRefine(checkAcrossFields));
export type Destination = z.infer<typeof destinationSchema>;

function unknownMacroProblem(template: string, kind: DestinationKind): string | undefined {
  for (const [, name = ''] of template.matchAll(MACRO_PATTERN)) {
    if (isPostbackMacro(name)) continue;
    const presetHint =
      kind === 'webhook' ? '' : `; the ${kind} preset adds its own parameters, so paste the URL without them`;
    return `Unknown macro {${name}}: use ${POSTBACK_MACROS.map((macro) => `{${macro}}`).join(' ')}${presetHint}`;
  }
  return undefined;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * A postback URL carries the tracker's key, so it must go over TLS; plain http is for a tracker on this machine only
 * (the demo tracker, tests).
 */
function destinationUrlProblem(url: string, kind: DestinationKind): string | undefined {
  const macroProblem = unknownMacroProblem(url, kind);
  if (macroProblem) return macroProblem;
  const [beforeQuery = ''] = url.split(/[?#]/, 1);
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*\{/i.test(beforeQuery))
    return 'Macros go in the path or the query, not in the host name';
  let parsed: URL;
  try {
    parsed = new URL(url.replace(MACRO_PATTERN, 'macro'));
  } catch {
    return 'Enter a full URL, starting with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Enter a full URL, starting with https://';
  if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.test(parsed.hostname)) {
    return 'Use https:// — the URL carries the tracker key (http:// only for a tracker on this machine)';
  }
  if (parsed.username || parsed.password)
    return 'Remove the user name and password from the URL; put credentials in a header';
  if (url.includes('#')) return 'Remove the # part: it is never sent to the tracker';
  const shape = URL_SHAPES[kind];
  if (shape && !shape.path.test(parsed.pathname)) return `A ${kind} postback URL looks like ${shape.example}`;
  return undefined;
}

/**
 * A body is a JSON document whose strings may hold macros: values are put into strings, never into JSON syntax, so no
 * value can change the body's shape.
 */
function bodyTemplateProblem(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'The body must be JSON, with macros inside quotes, like {"click_id": "{click_id}"}';
  }
  return jsonStrings(parsed)
    .map((text) => unknownMacroProblem(text, 'webhook'))
    .find((problem) => problem !== undefined);
}

function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...jsonStrings(inner)]);
  return [];
}
