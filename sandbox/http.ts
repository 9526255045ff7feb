import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod/mini';
import { errorBodySchema } from '../lib/schemas/api';
import type { ApiError } from '../lib/schemas/api';

/** An answer not yet written, so a fault can still replace or swallow it after the route did its work. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ApiRequest {
  method: string;
  params: Readonly<Record<string, string>>;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** Thrown by route code to answer with an error instead of its normal result. */
export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

const MAX_BODY_BYTES = 64 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Serialises `value` after checking it against the contract's schema: the sandbox never answers off-contract. */
export function jsonReply<S extends z.ZodMiniType>(status: number, schema: S, value: z.input<S>): Reply {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(schema.parse(value)) };
}

export function errorReply(status: number, error: ApiError, headers: Record<string, string> = {}): Reply {
  return { ...jsonReply(status, errorBodySchema, { error }), headers: { 'content-type': JSON_TYPE, ...headers } };
}

export function fail(status: number, error: ApiError, headers?: Record<string, string>): never {
  throw new HttpError(errorReply(status, error, headers));
}

/** Zod issues keyed by their path ("amount", "contact.externalId"), first message per path. */
function fieldsOf(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function invalid(message: string, fields?: Record<string, string>): never {
  return fail(422, { code: 'validation_failed', message, fields });
}

export function parseJson(request: ApiRequest): unknown {
  try {
    return JSON.parse(request.rawBody);
  } catch {
    return invalid('The body is not valid JSON');
  }
}

/** zod/mini loads no locale: a rule the contract gives no message of its own is named in zod's English. */
const IN_ENGLISH = { error: z.locales.en().localeError };

/** `value` as `schema` reads it, or a 422 with `message` and what is wrong, by field. */
export function parseOrRefuse<S extends z.ZodMiniType>(schema: S, value: unknown, message: string): z.output<S> {
  const result = schema.safeParse(value, IN_ENGLISH);
  if (!result.success) invalid(message, fieldsOf(result.error));
  return result.data;
}

export function parseBody<S extends z.ZodMiniType>(schema: S, request: ApiRequest): z.output<S> {
  return parseOrRefuse(schema, parseJson(request), 'The request breaks the API contract');
}

export async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) fail(413, { code: 'payload_too_large', message: `Bodies are limited to ${MAX_BODY_BYTES} bytes` });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeReply(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
  response.end(reply.body);
}
