import { loginRequestSchema, refreshRequestSchema, sessionSchema } from '../../lib/schemas/api';
import type { AuthStore } from '../auth-store';
import { fail, jsonReply, parseBody } from '../http';
import type { ApiRequest } from '../http';
import type { LoginLimiter } from '../login-limiter';
import type { Route } from '../router';
import { bearerToken } from './bearer';

function refreshTokenOf(request: ApiRequest): string | undefined {
  try {
    const body: unknown = JSON.parse(request.rawBody);
    const parsed = refreshRequestSchema.safeParse(body);
    return parsed.success ? parsed.data.refreshToken : undefined;
  } catch {
    return undefined;
  }
}

export function authRoutes(auth: AuthStore, limiter: LoginLimiter): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/auth/login',
      handle(request) {
        const { email, password } = parseBody(loginRequestSchema, request);
        const wait = limiter.retryAfterSeconds(email);
        if (wait > 0) {
          fail(429, { code: 'too_many_attempts', message: `Too many failed sign-ins: try again in ${wait} s` }, { 'retry-after': String(wait) });
        }
        const operator = auth.operatorByCredentials(email, password);
        if (!operator) {
          limiter.recordFailure(email);
          fail(401, { code: 'invalid_credentials', message: 'Wrong email or password' });
        }
        limiter.recordSuccess(email);
        return jsonReply(200, sessionSchema, auth.startSession(operator));
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/auth/refresh',
      handle(request) {
        const { refreshToken } = parseBody(refreshRequestSchema, request);
        const session = auth.refresh(refreshToken);
        if (!session) fail(401, { code: 'session_expired', message: 'The session has ended: sign in again' });
        return jsonReply(200, sessionSchema, session);
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/auth/logout',
      // Logout never fails: whatever token the client still holds, that session ends.
      handle(request) {
        auth.endSession({ refreshToken: refreshTokenOf(request), accessToken: bearerToken(request) });
        return { status: 204 };
      },
    },
  ];
}
