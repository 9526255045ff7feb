import { describe, expect, it } from 'vitest';
import { auditResponseSchema } from '../../../lib/schemas/admin';
import {
  adminLeadSchema,
  adminOperatorListSchema,
  consoleSessionSchema,
  CSRF_HEADER,
} from '../../../lib/schemas/console';
import type { RunningServer } from '../../../server/app';
import { ADMIN, ENGINES, MANAGER, call, errorOf, newEvent, postEvent, signIn, startTestServer } from './support';

const NEW_MANAGER = {
  email: 'maria@team.example',
  name: 'Maria',
  password: 'correct horse battery',
  role: 'manager',
} as const;

/** Signs in through the console's own endpoint, as its page does: the cookie and the CSRF token it answers with. */
async function consoleSignIn(server: RunningServer, credentials: { email: string; password: string }) {
  const answer = await call(server, '/console/api/session', { json: credentials, headers: { origin: server.url } });
  const setCookie = answer.headers.get('set-cookie') ?? '';
  return { answer, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

async function signedInAdmin(server: RunningServer, credentials: { email: string; password: string } = ADMIN) {
  const { answer, cookie } = await consoleSignIn(server, credentials);
  expect(answer.status).toBe(200);
  return { cookie, csrfToken: consoleSessionSchema.parse(answer.body).csrfToken };
}

describe.each(ENGINES)('the console on the real server (%s)', (engine) => {
  it('signs the admin in with an HttpOnly, SameSite=Strict cookie holding a 256-bit secret, recorded as a sign-in', async () => {
    const server = await startTestServer(engine);
    const { answer, setCookie } = await consoleSignIn(server, ADMIN);
    expect(answer.status).toBe(200);
    expect(consoleSessionSchema.parse(answer.body).operator).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(setCookie).toMatch(/^td_console=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP on loopback: a Secure cookie would never come back

    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/app.js');

    const admin = await signIn(server, ADMIN);
    const audit = auditResponseSchema.parse(
      (await call(server, '/api/v1/admin/audit?action=sign_in', { token: admin.accessToken })).body,
    );
    expect(audit.entries.filter((entry) => entry.action === 'sign_in')).toHaveLength(2);
  });

  it('refuses a wrong password like the API does and throttles the console the same way', async () => {
    const server = await startTestServer(engine, { loginLimits: { perEmail: { maxFailures: 2, windowMs: 60_000 } } });
    const wrong = await consoleSignIn(server, { email: ADMIN.email, password: 'not it' });
    expect(wrong.answer.status).toBe(401);
    expect(wrong.setCookie).toBe('');
    await consoleSignIn(server, { email: ADMIN.email, password: 'not it either' });
    const throttled = await call(server, '/api/v1/auth/login', { json: ADMIN });
    expect(throttled.status).toBe(429);
  });

  it('adds a manager from the console with its CSRF token, and refuses the same change forged without it', async () => {
    const server = await startTestServer(engine);
    const { cookie, csrfToken } = await signedInAdmin(server);

    const honest = await call(server, '/api/v1/admin/operators', {
      json: NEW_MANAGER,
      headers: { cookie, [CSRF_HEADER]: csrfToken },
    });
    expect(honest.status).toBe(201);
    const forged = await call(server, '/api/v1/admin/operators', {
      json: { ...NEW_MANAGER, email: 'mallory@team.example' },
      headers: { cookie },
    });
    expect(forged.status).toBe(403);
    expect(errorOf(forged.body).code).toBe('csrf_failed');
    const mallory = { ...NEW_MANAGER, email: 'mallory@team.example' };
    const wrongToken = await call(server, '/api/v1/admin/operators', {
      json: mallory,
      headers: { cookie, [CSRF_HEADER]: 'x'.repeat(43) },
    });
    expect(wrongToken.status).toBe(403);

    const listed = adminOperatorListSchema.parse(
      (await call(server, '/api/v1/admin/operators', { headers: { cookie } })).body,
    );
    expect(listed.operators.map((operator) => operator.email)).toContain(NEW_MANAGER.email);
    expect(listed.operators.map((operator) => operator.email)).not.toContain('mallory@team.example');
  });

  it('answers 401 to an admin call with no session and turns a manager away with "admins only"', async () => {
    const server = await startTestServer(engine);
    expect((await call(server, '/api/v1/admin/operators')).status).toBe(401);
    const manager = await consoleSignIn(server, MANAGER);
    expect(manager.answer.status).toBe(403);
    expect(errorOf(manager.answer.body).code).toBe('admins_only');
    expect(manager.setCookie).toBe('');
  });

  it("lists each operator's last sign-in and events logged this week", async () => {
    const server = await startTestServer(engine);
    const manager = await signIn(server, MANAGER);
    expect((await postEvent(server, manager.accessToken, newEvent())).status).toBe(201);
    const { cookie } = await signedInAdmin(server);
    const { operators } = adminOperatorListSchema.parse(
      (await call(server, '/api/v1/admin/operators', { headers: { cookie } })).body,
    );
    const demo = operators.find((operator) => operator.email === MANAGER.email);
    expect(demo?.eventsThisWeek).toBe(1);
    expect(Date.parse(demo?.lastSignInAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const admin = operators.find((operator) => operator.email === ADMIN.email);
    expect(admin?.eventsThisWeek).toBe(0);
  });

  it('ends the console session on sign-out and when an admin removes that operator', async () => {
    const server = await startTestServer(engine);
    const first = await signedInAdmin(server);
    const out = await call(server, '/console/api/session', {
      method: 'DELETE',
      headers: { cookie: first.cookie, [CSRF_HEADER]: first.csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await call(server, '/console/api/session', { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await call(server, '/api/v1/admin/operators', { headers: { cookie: first.cookie } })).status).toBe(401);

    // A second admin, signed in to the console, is removed by the first.
    const bearer = await signIn(server, ADMIN);
    const second = {
      email: 'second@team.example',
      name: 'Second',
      password: 'second admin password',
      role: 'admin',
    } as const;
    const created = await call(server, '/api/v1/admin/operators', { json: second, token: bearer.accessToken });
    const secondId = (created.body as { operator: { id: string } }).operator.id;
    const { cookie: session } = await signedInAdmin(server, second);
    expect((await call(server, '/api/v1/admin/operators', { headers: { cookie: session } })).status).toBe(200);
    expect(
      (await call(server, `/api/v1/admin/operators/${secondId}`, { method: 'DELETE', token: bearer.accessToken }))
        .status,
    ).toBe(204);
    expect((await call(server, '/console/api/session', { headers: { cookie: session } })).status).toBe(401);
    expect((await call(server, '/api/v1/admin/operators', { headers: { cookie: session } })).status).toBe(401);
  });
});

describe.each(ENGINES)("a lead's page from the console (%s)", (engine) => {
  it('shows the contact, every event with who logged it, and the audit trail; 404 for an unknown contact', async () => {
    const server = await startTestServer(engine);
    const manager = await signIn(server, MANAGER);
    const event = newEvent({ contact: { channel: 'telegram', externalId: '888001', displayName: 'Lena K' } });
    expect((await postEvent(server, manager.accessToken, event)).status).toBe(201);
    const { cookie } = await signedInAdmin(server);

    const answer = await call(server, '/api/v1/admin/contacts/telegram/888001', { headers: { cookie } });
    expect(answer.status).toBe(200);
    const lead = adminLeadSchema.parse(answer.body);
    expect(lead.contact).toMatchObject({ channel: 'telegram', externalId: '888001' });
    expect(lead.events).toHaveLength(1);
    expect(lead.events[0]).toMatchObject({
      id: event.id,
      type: 'registration',
      operator: { email: MANAGER.email },
      deliveries: [],
    });
    expect(lead.audit).toEqual([
      expect.objectContaining({ actor: MANAGER.email, action: 'event_logged', details: { type: 'registration' } }),
    ]);

    expect((await call(server, '/api/v1/admin/contacts/telegram/nobody', { headers: { cookie } })).status).toBe(404);
    expect((await call(server, '/api/v1/admin/contacts/telegram/888001', { token: manager.accessToken })).status).toBe(
      403,
    );
  });
});
