import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleOperator } from '../../lib/schemas/console';
import type { ConsoleAuth, ConsoleLoginResult } from '../../server/console/console-auth';
import { registerConsole } from '../../server/console/plugin';

const ADMIN: ConsoleOperator = { id: 'op-1', name: 'Alice', email: 'alice@team.example', role: 'admin' };
const MANAGER: ConsoleOperator = { id: 'op-2', name: 'Mia', email: 'mia@team.example', role: 'manager' };

/** Accounts and sessions as the server's auth would keep them, in memory. */
function fakeAuth() {
  const sessions = new Map<string, ConsoleOperator>();
  const logins: { email: string; clientAddress: string }[] = [];
  let throttled = false;
  const auth: ConsoleAuth = {
    async login(email, password, clientAddress): Promise<ConsoleLoginResult> {
      logins.push({ email, clientAddress });
      if (throttled) return { ok: false, reason: 'throttled', retryAfterSeconds: 30 };
      const operator = { 'alice@team.example': ADMIN, 'mia@team.example': MANAGER }[email];
      if (!operator || password !== 'right password') return { ok: false, reason: 'invalid_credentials' };
      const sessionId = randomBytes(32).toString('base64url');
      sessions.set(sessionId, operator);
      return { ok: true, sessionId, operator };
    },
    async sessionFromCookie(sessionId) {
      return sessions.get(sessionId) ?? null;
    },
    async logout(sessionId) {
      sessions.delete(sessionId);
    },
  };
  return { auth, sessions, logins, throttle: () => (throttled = true) };
}

let app: FastifyInstance;
let base: string;
let accounts: ReturnType<typeof fakeAuth>;
/** What the stand-in admin route saw: the server's guard would refuse a call with no operator. */
let adminCalls: (ConsoleOperator | null)[];

beforeEach(async () => {
  accounts = fakeAuth();
  adminCalls = [];
  app = Fastify();
  await registerConsole(app, {
    auth: accounts.auth,
    bundle: async () => ({ js: 'console.info("console")', css: 'body{}' }),
  });
  const adminRoute = async (request: { consoleOperator: ConsoleOperator | null }) => {
    adminCalls.push(request.consoleOperator);
    return { operator: request.consoleOperator };
  };
  app.get('/api/v1/admin/operators', adminRoute);
  app.post('/api/v1/admin/operators', adminRoute);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterEach(() => app.close());

async function signIn(email = ADMIN.email, password = 'right password') {
  const response = await fetch(`${base}/console/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return {
    response,
    setCookie,
    cookie,
    body: (await response.json()) as { csrfToken?: string; operator?: ConsoleOperator; error?: { code: string } },
  };
}

describe('the console session', () => {
  it('signs an admin in with an HttpOnly, SameSite=Strict cookie (not Secure on loopback) and a CSRF token in the answer only', async () => {
    const { response, setCookie, body } = await signIn();
    expect(response.status).toBe(200);
    expect(setCookie).toMatch(/^td_console=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    expect(body.operator).toEqual(ADMIN);
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(setCookie).not.toContain(body.csrfToken!);
    expect(accounts.logins).toEqual([{ email: ADMIN.email, clientAddress: '127.0.0.1' }]);
  });

  it('sets the cookie Secure when the console is reached under a name other than loopback', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/console/api/session',
      headers: { host: 'tracker.team.example', 'content-type': 'application/json' },
      payload: { email: ADMIN.email, password: 'right password' },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('gives the same CSRF token back after a reload, from the cookie alone', async () => {
    const { cookie, body } = await signIn();
    const again = await fetch(`${base}/console/api/session`, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ operator: ADMIN, csrfToken: body.csrfToken });
    expect((await fetch(`${base}/console/api/session`)).status).toBe(401);
  });

  it('refuses a wrong password with 401 and a throttled one with 429 and Retry-After, setting no cookie', async () => {
    const wrong = await signIn(ADMIN.email, 'wrong');
    expect(wrong.response.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid_credentials');
    expect(wrong.setCookie).toBe('');
    accounts.throttle();
    const throttled = await signIn();
    expect(throttled.response.status).toBe(429);
    expect(throttled.response.headers.get('retry-after')).toBe('30');
    expect(throttled.setCookie).toBe('');
  });

  it('turns a manager away with admins_only, and ends the session the login opened', async () => {
    const { response, setCookie, body } = await signIn(MANAGER.email);
    expect(response.status).toBe(403);
    expect(body.error?.code).toBe('admins_only');
    expect(setCookie).toBe('');
    expect(accounts.sessions.size).toBe(0);
  });

  it('answers 422 with the field for a bad body, asking auth nothing', async () => {
    const response = await fetch(`${base}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not an email', password: '' }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'password']);
    expect(accounts.logins).toEqual([]);
  });

  it('refuses a sign-in posted from another site’s page', async () => {
    const response = await fetch(`${base}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: ADMIN.email, password: 'right password' }),
    });
    expect(response.status).toBe(403);
    expect(accounts.logins).toEqual([]);
  });
});

describe('admin calls with the console’s cookie', () => {
  it('read with the cookie alone, and change with the cookie and the CSRF token', async () => {
    const { cookie, body } = await signIn();
    const read = await fetch(`${base}/api/v1/admin/operators`, { headers: { cookie } });
    expect(await read.json()).toEqual({ operator: ADMIN });
    const change = await fetch(`${base}/api/v1/admin/operators`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': body.csrfToken!, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(change.status).toBe(200);
    expect(adminCalls).toEqual([ADMIN, ADMIN]);
  });

  it('refuse a change with the cookie but without the right CSRF token, before the route runs', async () => {
    const { cookie } = await signIn();
    const other = await signIn();
    for (const token of [undefined, 'guessed', other.body.csrfToken]) {
      const response = await fetch(`${base}/api/v1/admin/operators`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
        body: '{}',
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    }
    expect(adminCalls).toEqual([]);
  });

  it('leave a call with a bearer token to the server’s own auth', async () => {
    const { cookie } = await signIn();
    await fetch(`${base}/api/v1/admin/operators`, { headers: { cookie, authorization: 'Bearer something' } });
    expect(adminCalls).toEqual([null]);
  });

  it('carry no operator once the session is signed out, and sign-out itself needs the token', async () => {
    const { cookie, body } = await signIn();
    const forged = await fetch(`${base}/console/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(forged.status).toBe(403);
    expect(accounts.sessions.size).toBe(1);
    const out = await fetch(`${base}/console/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': body.csrfToken! },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^td_console=;.*Expires=Thu, 01 Jan 1970/);
    expect(accounts.sessions.size).toBe(0);
    await fetch(`${base}/api/v1/admin/operators`, { headers: { cookie } });
    expect(adminCalls).toEqual([null]);
  });
});

describe('the console page', () => {
  it('is served at / with a policy that lets only its own script and style run, and no framing', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/console/app.js"></script>');
    const script = await fetch(`${base}/console/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.info("console")');
  });
});

describe('the console bundle', () => {
  it('is built from the source on the first request, with its English and Russian text and its style', async () => {
    const { bundleConsole } = await import('../../server/console/bundle');
    const bundle = await bundleConsole();
    // Booleans, not toContain: a failure would print the whole bundle.
    expect(bundle.js.includes('Sign in to the Tracker Data console')).toBe(true);
    expect(bundle.js.includes('Добавить приёмник')).toBe(true);
    expect(bundle.js.includes('process.env.NODE_ENV')).toBe(false);
    expect(bundle.css.includes(':focus-visible')).toBe(true);
  });
});
