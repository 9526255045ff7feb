import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleOperator } from '../../lib/schemas/console';
import { consoleLoginRequestSchema, CSRF_HEADER } from '../../lib/schemas/console';
import { cachedBundle, type ConsoleBundle } from './bundle';
import type { ConsoleAuth } from './console-auth';
import { CONSOLE_HEADERS, CONSOLE_PAGE } from './page';
import {
  csrfTokenFor,
  csrfTokenMatches,
  isChange,
  SESSION_COOKIE,
  sessionCookieOptions,
  type SecureCookieSetting,
} from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin signed in to the console by cookie on an `/api/v1/admin/*` call that has no bearer token. */
    consoleOperator: ConsoleOperator | null;
  }
}

export interface ConsoleOptions {
  auth: ConsoleAuth;
  secureCookie?: SecureCookieSetting;
  /** How the console's script and style are made; the default bundles the source once, on the first request. */
  bundle?: () => Promise<ConsoleBundle>;
}

const ADMIN_API = '/api/v1/admin/';

function problem(reply: FastifyReply, status: number, code: string, message: string, fields?: Record<string, string>) {
  return reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
}

/** A login posted from another site's page is refused even before SameSite would keep the cookie from it. */
function fromOtherOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}

/**
 * The admin console: its page and bundle at `/`, its cookie session at `/console/api/session`, and cookie + CSRF
 * authentication of `/api/v1/admin/*` calls that carry no bearer token (the server's own admin guard then reads
 * `request.consoleOperator`). Registered on the root instance, not encapsulated, because its hook guards the server's
 * admin routes.
 */
export async function registerConsole(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const { auth } = options;
  const secureCookie = options.secureCookie ?? 'auto';
  const bundle = options.bundle ?? cachedBundle();

  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
  app.decorateRequest('consoleOperator', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(ADMIN_API) || request.headers.authorization !== undefined) return;
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return;
    const operator = await auth.sessionFromCookie(sessionId);
    if (!operator) return;
    if (isChange(request.method) && !csrfTokenMatches(sessionId, request.headers[CSRF_HEADER])) {
      return problem(reply, 403, 'csrf_failed', 'The console’s security token is missing or wrong; reload the page.');
    }
    request.consoleOperator = operator;
  });

  app.get('/', async (_request, reply) =>
    reply
      .headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-store' })
      .type('text/html; charset=utf-8')
      .send(CONSOLE_PAGE),
  );
  app.get('/console/app.js', async (_request, reply) =>
    reply
      .headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-cache' })
      .type('text/javascript; charset=utf-8')
      .send((await bundle()).js),
  );
  app.get('/console/app.css', async (_request, reply) =>
    reply
      .headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-cache' })
      .type('text/css; charset=utf-8')
      .send((await bundle()).css),
  );

  app.post('/console/api/session', async (request, reply) => {
    if (fromOtherOrigin(request))
      return problem(reply, 403, 'forbidden_origin', 'Sign in from the console’s own page.');
    const body = consoleLoginRequestSchema.safeParse(request.body);
    if (!body.success) {
      const fields = Object.fromEntries(
        body.error.issues.map((issue) => [String(issue.path[0] ?? 'body'), issue.message]),
      );
      return problem(reply, 422, 'validation_failed', 'Check the highlighted fields.', fields);
    }
    const result = await auth.login(body.data.email, body.data.password, request.ip);
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return problem(reply, 429, 'throttled', 'Too many sign-in attempts; wait a little and try again.');
      }
      return problem(reply, 401, 'invalid_credentials', 'Wrong email or password.');
    }
    if (result.operator.role !== 'admin') {
      await auth.logout(result.sessionId);
      return problem(reply, 403, 'admins_only', 'The console is for admins.');
    }
    reply.setCookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(request, secureCookie, result.expiresAt));
    return reply
      .header('cache-control', 'no-store')
      .send({ operator: result.operator, csrfToken: csrfTokenFor(result.sessionId) });
  });

  app.get('/console/api/session', async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    const operator = sessionId ? await auth.sessionFromCookie(sessionId) : null;
    if (!sessionId || !operator || operator.role !== 'admin') {
      return problem(reply, 401, 'not_signed_in', 'Sign in to use the console.');
    }
    return reply.header('cache-control', 'no-store').send({ operator, csrfToken: csrfTokenFor(sessionId) });
  });

  app.delete('/console/api/session', async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) {
      if (!csrfTokenMatches(sessionId, request.headers[CSRF_HEADER])) {
        return problem(reply, 403, 'csrf_failed', 'The console’s security token is missing or wrong; reload the page.');
      }
      await auth.logout(sessionId);
    }
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, secureCookie));
    return reply.code(204).send();
  });
}
