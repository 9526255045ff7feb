import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import type { OperatorRow } from '../db/tables';
import { fail } from '../http/errors';

export function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * The live operator behind the request's access token, or a 401 the client answers by refreshing; with `role`, an
 * operator of another role gets 403 (a manager's token on the admin API). A call with no Authorization header may come
 * from the console, whose cookie and CSRF token the console's hook already checked (`request.consoleOperator`).
 */
export async function requireOperator(
  request: FastifyRequest,
  context: ServerContext,
  role?: OperatorRow['role'],
): Promise<OperatorRow> {
  const fromConsole = request.headers.authorization === undefined ? request.consoleOperator : null;
  const consoleOperator = fromConsole ? await context.operators.byId(fromConsole.id) : undefined;
  if (consoleOperator) {
    if (role && consoleOperator.role !== role) fail(403, { code: 'forbidden', message: `Only an ${role} may do this` });
    return consoleOperator;
  }
  const token = bearerToken(request);
  const access = token === undefined ? undefined : await context.sessions.check(token);
  if (!access?.ok) {
    const code = access?.code ?? 'unauthorized';
    const message = code === 'token_expired' ? 'The access token has expired: refresh the session' : 'Sign in first';
    return fail(401, { code, message }, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  if (role && access.operator.role !== role) fail(403, { code: 'forbidden', message: `Only an ${role} may do this` });
  return access.operator;
}
