import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HttpError, INVALID_JSON } from './errors';

/** Fastify's own refusals, in the contract's error shape. */
const FASTIFY_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The body is larger than this server takes',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send JSON, with Content-Type: application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'The Content-Length does not match the body',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'path_too_long',
    message: 'A part of the path is longer than this server takes',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url', message: 'The path is not a valid URL path' },
};

/** Errors Fastify meets before any route or hook (a path it cannot route), answered in the contract's shape too. */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const known = FASTIFY_ERRORS[error.code] ?? {
    status: 400,
    code: 'bad_request',
    message: 'The request cannot be read',
  };
  void reply
    .code(known.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: known.code, message: known.message } });
}

/**
 * Every answer is JSON in the contract's shape and never cached. Only JSON bodies are parsed (no form, no text: 415);
 * a JSON body that does not parse reaches the route as INVALID_JSON, so the route answers 422 with the field, or —
 * for logout, which never fails — ignores it.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  // Fastify's parser (secure-json-parse) drops __proto__ and constructor.prototype keys instead of building them.
  const parseJson = app.getDefaultJsonParser('remove', 'remove');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, String(body), (error, value) => done(null, error ? INVALID_JSON : value));
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` } }),
  );

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).headers(error.headers).send({ error: error.error });
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) return reply.code(known.status).send({ error: { code: known.code, message: known.message } });
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: { code: 'internal_error', message: 'The server failed to handle this request' } });
  });
}
