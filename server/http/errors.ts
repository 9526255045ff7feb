import { z } from 'zod/mini';
import type { ApiError } from '../../lib/schemas/api';

/** Thrown by route code to answer with an error body of the contract: `{ error: { code, message, fields? } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status} ${error.code}`);
  }
}

export function fail(status: number, error: ApiError, headers?: Record<string, string>): never {
  throw new HttpError(status, error, headers);
}

export function invalid(message: string, fields?: Record<string, string>): never {
  return fail(422, { code: 'validation_failed', message, fields });
}

/** What the JSON body parser hands on for a body that is not JSON, so the route can say so in the contract's words. */
export const INVALID_JSON = Symbol('invalid JSON');

/** Zod issues keyed by their path ("amount", "contact.externalId"), first message per path. */
function fieldsOf(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** zod/mini loads no locale: a rule the contract gives no message of its own is named in zod's English. */
const IN_ENGLISH = { error: z.locales.en().localeError };

/** `value` as `schema` reads it, or a 422 with `message` and what is wrong, by field. */
export function parseOrRefuse<S extends z.ZodMiniType>(schema: S, value: unknown, message: string): z.output<S> {
  const result = schema.safeParse(value, IN_ENGLISH);
  if (!result.success) invalid(message, fieldsOf(result.error));
  return result.data;
}

export function parseBody<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  if (body === INVALID_JSON) invalid('The body is not valid JSON', { body: 'The body is not valid JSON' });
  return parseOrRefuse(schema, body, 'The request breaks the API contract');
}
