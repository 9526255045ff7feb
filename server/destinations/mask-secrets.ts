import type { DestinationInput, PostbackRequest } from '../../lib/schemas/destination';
import { presets } from './presets';
import { decodeQueryPart, splitPair } from './query-parts';
import { soleMacro } from './request-template';

/**
 * Secrets of a destination — the key in its URL path (Keitaro's postback key, Chatterfy's postback id), query values
 * that are keys, header values, secret-named body fields — as answers and logs show them: replaced by MASK. Parts
 * filled from an event (click id, event id, status, amount) stay readable, so "test" still shows what was sent.
 */

export const MASK = '***';

type DestinationTemplate = Pick<DestinationInput, 'kind' | 'url'>;

/** A parameter or field whose name says it holds a credential. */
const SECRET_NAME = /key|token|secret|passw|auth|sig|hash|hmac|credential|session|access|api/i;
/** Headers that describe the request and never carry a credential. */
const HARMLESS_HEADERS = new Set(['content-type', 'accept', 'user-agent']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Random-looking text: a UUID, or eight or more letters and digits mixed — how generated keys look. */
function looksLikeKey(text: string): boolean {
  const value = decodeQueryPart(text);
  if (UUID.test(value)) return true;
  return /^[A-Za-z0-9_-]{8,}$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

interface UrlParts {
  prefix: string;
  authority: string;
  segments: string[];
  pairs: string[] | undefined;
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(?:\?([^#]*))?/i;

function urlParts(url: string): UrlParts | undefined {
  const match = URL_PARTS.exec(url);
  if (!match) return undefined;
  const [, prefix = '', authority = '', path = '', query] = match;
  return { prefix, authority, segments: path.split('/'), pairs: query === undefined ? undefined : query.split('&') };
}

function joinUrl(parts: UrlParts): string {
  const query = parts.pairs === undefined ? '' : `?${parts.pairs.join('&')}`;
  return `${parts.prefix}${parts.authority}${parts.segments.join('/')}${query}`;
}

/** What the destination's template says is event data, not a secret: its preset's parameters and macro-filled parts. */
function eventDataOf(destination: DestinationTemplate | undefined): { segments: Set<number>; params: Set<string> } {
  const segments = new Set<number>();
  const params = new Set<string>();
  if (!destination) return { segments, params };
  for (const param of presets[destination.kind].query) params.add(param.name);
  const template = urlParts(destination.url);
  template?.segments.forEach((segment, index) => {
    if (segment.includes('{')) segments.add(index);
  });
  for (const pair of template?.pairs ?? []) {
    const [name, value] = splitPair(pair);
    if (value !== undefined && soleMacro(value) !== undefined) params.add(decodeQueryPart(name));
  }
  return { segments, params };
}

/** A URL as logs and answers show it; given its destination, the parts its template fills from the event stay readable. */
export function maskUrl(url: string, destination?: DestinationTemplate): string {
  const parts = urlParts(url);
  if (!parts) return MASK;
  const eventData = eventDataOf(destination);
  // without its destination, a URL is masked where any kind keeps its key (a Keitaro key is short and not random-looking)
  const kinds = destination ? [presets[destination.kind]] : Object.values(presets);
  const keySegments = new Set(kinds.flatMap((preset) => preset.secretPathSegments(parts.segments)));
  const at = parts.authority.lastIndexOf('@');
  return joinUrl({
    prefix: parts.prefix,
    authority: at === -1 ? parts.authority : `${MASK}@${parts.authority.slice(at + 1)}`,
    segments: parts.segments.map((segment, index) =>
      keySegments.has(index) || (!eventData.segments.has(index) && looksLikeKey(segment)) ? MASK : segment,
    ),
    pairs: parts.pairs?.map((pair) => {
      const [name, value] = splitPair(pair);
      if (value === undefined || value === '' || eventData.params.has(decodeQueryPart(name))) return pair;
      return SECRET_NAME.test(decodeQueryPart(name)) || looksLikeKey(value) ? `${name}=${MASK}` : pair;
    }),
  });
}

export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, HARMLESS_HEADERS.has(name.toLowerCase()) ? value : MASK]),
  );
}

function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const secret = SECRET_NAME.test(key) && typeof inner === 'string' && soleMacro(inner) === undefined;
      return [key, secret ? MASK : maskJson(inner)];
    }),
  );
}

/** A JSON body (template or sent) with the values of secret-named fields masked; a body that is not JSON, whole. */
export function maskBody(body: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(body)));
  } catch {
    return MASK;
  }
}

/** A destination as the admin API answers it and logs show it. */
export function maskDestination<T extends DestinationInput>(destination: T): T {
  return {
    ...destination,
    url: maskUrl(destination.url, destination),
    ...(destination.headers === undefined ? {} : { headers: maskHeaders(destination.headers) }),
    ...(destination.body === undefined ? {} : { body: maskBody(destination.body) }),
  };
}

/** A request about to be sent (or just sent), as a log line or the admin's "test" answer shows it. */
export function maskPostbackRequest(request: PostbackRequest, destination: DestinationTemplate): PostbackRequest {
  return {
    ...request,
    url: maskUrl(request.url, destination),
    headers: maskHeaders(request.headers),
    ...(request.body === undefined ? {} : { body: maskBody(request.body) }),
  };
}

function restoreUrl(edited: string, stored: DestinationTemplate): string {
  const editedParts = urlParts(edited);
  const storedParts = urlParts(stored.url);
  const maskedParts = urlParts(maskUrl(stored.url, stored));
  if (!edited.includes(MASK) || !editedParts || !storedParts || !maskedParts) return edited;
  const wasSecret = (masked: string | undefined, editedPart: string) => editedPart === MASK && masked === MASK;
  const storedValues = new Map(storedParts.pairs?.map((pair) => splitPair(pair)));
  const maskedValues = new Map(maskedParts.pairs?.map((pair) => splitPair(pair)));
  const at = storedParts.authority.lastIndexOf('@');
  const sameShape = editedParts.segments.length === storedParts.segments.length;
  return joinUrl({
    prefix: editedParts.prefix,
    authority:
      editedParts.authority.startsWith(`${MASK}@`) && at !== -1
        ? `${storedParts.authority.slice(0, at)}${editedParts.authority.slice(MASK.length)}`
        : editedParts.authority,
    segments: editedParts.segments.map((segment, index) =>
      sameShape && wasSecret(maskedParts.segments[index], segment) ? (storedParts.segments[index] ?? segment) : segment,
    ),
    pairs: editedParts.pairs?.map((pair) => {
      const [name, value] = splitPair(pair);
      const storedValue = storedValues.get(name);
      return value !== undefined && wasSecret(maskedValues.get(name), value) && storedValue !== undefined
        ? `${name}=${storedValue}`
        : pair;
    }),
  });
}

function restoreJson(edited: unknown, stored: unknown, secretField = false): unknown {
  if (secretField && edited === MASK && typeof stored === 'string') return stored;
  if (Array.isArray(edited))
    return edited.map((item, index) => restoreJson(item, Array.isArray(stored) ? stored[index] : undefined));
  if (edited === null || typeof edited !== 'object') return edited;
  const storedObject = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(edited).map(([key, inner]) => [key, restoreJson(inner, storedObject[key], SECRET_NAME.test(key))]),
  );
}

function restoreBody(edited: string, stored: string | undefined): string {
  if (stored === undefined || !edited.includes(MASK)) return edited;
  try {
    return JSON.stringify(restoreJson(JSON.parse(edited), JSON.parse(stored)));
  } catch {
    return edited;
  }
}

/**
 * A destination an admin sends back after editing a masked one: where it still holds MASK at a place the stored
 * destination had a secret, the stored secret is kept, so saving a form never overwrites a key with `***`.
 */
export function restoreMaskedSecrets<T extends DestinationInput>(edited: T, stored: DestinationInput): T {
  const storedHeaders = new Map(
    Object.entries(stored.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    ...edited,
    url: restoreUrl(edited.url, stored),
    ...(edited.headers === undefined
      ? {}
      : {
          headers: Object.fromEntries(
            Object.entries(edited.headers).map(([name, value]) => [
              name,
              value === MASK ? (storedHeaders.get(name.toLowerCase()) ?? value) : value,
            ]),
          ),
        }),
    ...(edited.body === undefined ? {} : { body: restoreBody(edited.body, stored.body) }),
  };
}
