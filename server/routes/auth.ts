import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, refreshRequestSchema, sessionSchema } from '../../lib/schemas/api';
import type { Session } from '../../lib/schemas/api';
import { writeAudit } from '../audit/log';
import { bearerToken } from '../auth/bearer';
import { checkSignIn } from '../auth/sign-in';
import type { ServerContext } from '../context';
import type { OperatorRow } from '../db/tables';
import { fail, parseBody } from '../http/errors';

const sessionOf = (operator: OperatorRow, tokens: Omit<Session, 'operator'>): Session =>
  sessionSchema.parse({ ...tokens, operator: { id: operator.id, name: operator.name, email: operator.email } });

export function authRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, operators, sessions } = context;

  app.post('/api/v1/auth/login', async (request) => {
    const { email, password } = parseBody(loginRequestSchema, request.body);
    const outcome = await checkSignIn(context, email, password, request.ip);
    if (!outcome.ok && outcome.reason === 'throttled') {
      const wait = outcome.retryAfterSeconds;
      fail(
        429,
        { code: 'too_many_attempts', message: `Too many failed sign-ins: try again in ${wait} s` },
        { 'retry-after': String(wait) },
      );
    }
    if (!outcome.ok) return fail(401, { code: 'invalid_credentials', message: 'Wrong email or password' });
    const { operator } = outcome;
    const tokens = await sessions.start(operator.id);
    return sessionOf(operator, tokens);
  });

  app.post('/api/v1/auth/refresh', async (request) => {
    const { refreshToken } = parseBody(refreshRequestSchema, request.body);
    const outcome = await sessions.refresh(refreshToken);
    const operator = outcome.ok ? await operators.byId(outcome.operatorId) : undefined;
    if (!outcome.ok && outcome.reuse) {
      request.log.warn(
        { sessionId: outcome.reuse.sessionId },
        'a spent refresh token came back: its session family is revoked',
      );
      await writeAudit(db, {
        action: 'refresh_token_reuse',
        operatorId: outcome.reuse.operatorId,
        target: outcome.reuse.sessionId,
        clientAddress: request.ip,
      });
    }
    if (!outcome.ok || !operator)
      return fail(401, { code: 'session_expired', message: 'The session has ended: sign in again' });
    return sessionOf(operator, outcome.tokens);
  });

  // Logout never fails: whatever token the client still holds, that session ends; a body that is not JSON is ignored.
  app.post('/api/v1/auth/logout', async (request, reply) => {
    const parsed = refreshRequestSchema.safeParse(request.body);
    await sessions.end({
      refreshToken: parsed.success ? parsed.data.refreshToken : undefined,
      accessToken: bearerToken(request),
    });
    return reply.code(204).send();
  });
}
