import type { Operator } from '../../lib/schemas/api';
import type { AuthStore } from '../auth-store';
import { fail } from '../http';
import type { ApiRequest } from '../http';

export function bearerToken(request: ApiRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** The operator behind the request's access token, or a 401 the client answers by refreshing. */
export function requireOperator(request: ApiRequest, auth: AuthStore): Operator {
  const token = bearerToken(request);
  const access = token === undefined ? undefined : auth.checkAccess(token);
  if (access?.ok) return access.operator;
  const code = access?.code ?? 'unauthorized';
  const message = code === 'token_expired' ? 'The access token has expired: refresh the session' : 'Sign in first';
  return fail(401, { code, message }, { 'www-authenticate': `Bearer error="invalid_token"` });
}
