import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'td_console';

/**
 * The CSRF token is derived from the session's secret, so every server process on one database agrees on it without
 * storing it, and only a page that could read the HttpOnly cookie (none can) or the session answer (same origin only)
 * knows it.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('tracker-data console csrf v1').digest('base64url');
}

export function csrfTokenMatches(sessionId: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** `auto`: Secure unless the console is reached over plain HTTP on loopback, where browsers would refuse to send it. */
export type SecureCookieSetting = 'auto' | boolean;

export function cookieIsSecure(request: FastifyRequest, setting: SecureCookieSetting): boolean {
  if (setting !== 'auto') return setting;
  return request.protocol === 'https' || !isLoopbackHost(request.hostname);
}

export function sessionCookieOptions(request: FastifyRequest, setting: SecureCookieSetting, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: cookieIsSecure(request, setting),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isChange(method: string): boolean {
  return !SAFE_METHODS.has(method);
}
