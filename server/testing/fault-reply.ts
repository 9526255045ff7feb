import type { FailOptions } from './fault-commands';

/** An answer that replaces the route's own. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** A body that a proxy or a broken platform might send: promised as JSON, cut off in the middle. */
const MALFORMED_JSON = '{"event": {"id": ';
const WRONG_SHAPE_JSON = '{"unexpected": true}';

/**
 * The answer `failNext` puts in place of the route's own. A status below 400 has no error body to send, so unless told
 * otherwise it carries JSON of the wrong shape: a success the client must not believe.
 */
export function faultReply(status: number, options: FailOptions): Reply {
  const headers: Record<string, string> =
    options.retryAfter === undefined ? {} : { 'retry-after': String(options.retryAfter) };
  const body = options.body ?? (status < 400 ? 'wrong-shape' : undefined);
  if (body !== undefined) {
    return {
      status,
      headers: { 'content-type': JSON_TYPE, ...headers },
      body: body === 'malformed' ? MALFORMED_JSON : WRONG_SHAPE_JSON,
    };
  }
  const code = options.code ?? CODES[status] ?? (status >= 500 ? 'server_error' : 'client_error');
  const error = { code, message: `Fault injected by the sandbox (HTTP ${status})` };
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify({ error }) };
}
