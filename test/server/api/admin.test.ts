import { describe, expect, it } from 'vitest';
import { auditResponseSchema, operatorResponseSchema, operatorsResponseSchema } from '../../../lib/schemas/admin';
import { contactLookupResponseSchema } from '../../../lib/schemas/api';
import { DEMO_EVENT_IDS } from '../../../sandbox/demo-data';
import { ADMIN, ENGINES, MANAGER, call, errorOf, newEvent, postEvent, signIn, startTestServer } from './support';

const NEW_MANAGER = {
  email: 'Maria@Team.example',
  name: 'Maria',
  password: 'correct horse battery',
  role: 'manager',
} as const;

describe.each(ENGINES)('the admin API on %s', (engine) => {
  it('lets an admin add a manager who signs in and logs events, and lists operators', async () => {
    const server = await startTestServer(engine);
    const admin = await signIn(server, ADMIN);
    const created = await call(server, '/api/v1/admin/operators', { json: NEW_MANAGER, token: admin.accessToken });
    expect(created.status).toBe(201);
    const { operator } = operatorResponseSchema.parse(created.body);
    expect(operator).toMatchObject({ email: 'maria@team.example', name: 'Maria', role: 'manager' });
    expect(JSON.stringify(created.body)).not.toContain(NEW_MANAGER.password);

    const maria = await signIn(server, { email: 'maria@team.example', password: NEW_MANAGER.password });
    expect((await postEvent(server, maria.accessToken, newEvent())).status).toBe(201);

    const listed = operatorsResponseSchema.parse(
      (await call(server, '/api/v1/admin/operators', { token: admin.accessToken })).body,
    );
    expect(listed.operators.map((each) => [each.email, each.role])).toEqual([
      ['demo@tracker.test', 'manager'],
      ['second@tracker.test', 'manager'],
      ['admin@tracker.test', 'admin'],
      ['maria@team.example', 'manager'],
    ]);
  });

  it('refuses a taken email with 409 and a bad body with 422 naming each field, storing nothing', async () => {
    const server = await startTestServer(engine);
    const { accessToken } = await signIn(server, ADMIN);
    const taken = await call(server, '/api/v1/admin/operators', {
      json: { ...NEW_MANAGER, email: 'DEMO@tracker.test' },
      token: accessToken,
    });
    expect([taken.status, errorOf(taken.body).code]).toEqual([409, 'email_taken']);
    const bad = await call(server, '/api/v1/admin/operators', {
      json: { email: 'nope', name: ' ', password: 'short', role: 'owner' },
      token: accessToken,
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(errorOf(bad.body).fields ?? {}).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect((await server.context.operators.list()).map((each) => each.email)).not.toContain('nope');
  });

  it("answers 403 to a manager's token and 401 to none, on every admin call", async () => {
    const server = await startTestServer(engine);
    const manager = await signIn(server, MANAGER);
    for (const [method, path, json] of [
      ['POST', '/api/v1/admin/operators', NEW_MANAGER],
      ['GET', '/api/v1/admin/operators', undefined],
      ['DELETE', '/api/v1/admin/operators/op_second', undefined],
      ['GET', '/api/v1/admin/audit', undefined],
    ] as const) {
      const forbidden = await call(server, path, { method, json, token: manager.accessToken });
      expect([path, forbidden.status, errorOf(forbidden.body).code]).toEqual([path, 403, 'forbidden']);
      expect((await call(server, path, { method, json })).status).toBe(401);
    }
    expect((await server.context.operators.list()).map((each) => each.id)).toContain('op_second');
  });

  it('removes a manager: their sessions end at once, they cannot sign in, their events stay', async () => {
    const server = await startTestServer(engine);
    const admin = await signIn(server, ADMIN);
    const manager = await signIn(server, MANAGER);
    const event = newEvent();
    expect((await postEvent(server, manager.accessToken, event)).status).toBe(201);

    const removed = await call(server, '/api/v1/admin/operators/op_demo', {
      method: 'DELETE',
      token: admin.accessToken,
    });
    expect(removed.status).toBe(204);
    expect((await postEvent(server, manager.accessToken, newEvent())).status).toBe(401);
    expect((await call(server, '/api/v1/auth/refresh', { json: { refreshToken: manager.refreshToken } })).status).toBe(
      401,
    );
    expect((await call(server, '/api/v1/auth/login', { json: MANAGER })).status).toBe(401);

    const other = await signIn(server, { email: 'second@tracker.test', password: 'second-password' });
    const lookup = contactLookupResponseSchema.parse(
      (await call(server, '/api/v1/contacts/telegram/777003', { token: other.accessToken })).body,
    );
    expect(lookup.events.find((each) => each.id === event.id)?.operatorId).toBe('op_demo');
    const again = await call(server, '/api/v1/admin/operators/op_demo', { method: 'DELETE', token: admin.accessToken });
    expect([again.status, errorOf(again.body).code]).toEqual([404, 'operator_not_found']);
    // The address may be given to a new account.
    expect(
      (
        await call(server, '/api/v1/admin/operators', {
          json: { ...NEW_MANAGER, email: MANAGER.email },
          token: admin.accessToken,
        })
      ).status,
    ).toBe(201);
  });

  it('keeps an audit log an admin reads: sign-ins, failed sign-ins, events logged, operators changed', async () => {
    const server = await startTestServer(engine);
    const admin = await signIn(server, ADMIN);
    const manager = await signIn(server, MANAGER);
    expect(
      (await call(server, '/api/v1/auth/login', { json: { ...MANAGER, password: 'wrong-password' } })).status,
    ).toBe(401);
    const event = newEvent();
    await postEvent(server, manager.accessToken, event);
    const created = operatorResponseSchema.parse(
      (await call(server, '/api/v1/admin/operators', { json: NEW_MANAGER, token: admin.accessToken })).body,
    );
    await call(server, `/api/v1/admin/operators/${created.operator.id}`, {
      method: 'DELETE',
      token: admin.accessToken,
    });

    const answer = await call(server, '/api/v1/admin/audit?limit=50', { token: admin.accessToken });
    expect(answer.status).toBe(200);
    const { entries } = auditResponseSchema.parse(answer.body);
    // The demo data's own deposit for Boris is in the log from the start; what this test did follows it.
    const seen = entries
      .filter((entry) => !DEMO_EVENT_IDS.has(entry.target ?? ''))
      .map((entry) => [entry.action, entry.operatorId ?? null, entry.target ?? null])
      .reverse();
    expect(seen).toEqual([
      ['sign_in', 'op_admin', null],
      ['sign_in', 'op_demo', null],
      ['sign_in_failed', null, 'demo@tracker.test'],
      ['event_logged', 'op_demo', event.id],
      ['operator_created', 'op_admin', created.operator.id],
      ['operator_removed', 'op_admin', created.operator.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain('wrong-password');
    const page = auditResponseSchema.parse(
      (await call(server, '/api/v1/admin/audit?limit=2', { token: admin.accessToken })).body,
    );
    expect(page.entries).toHaveLength(2);
    expect(page.next).toEqual(expect.any(Number));
    const bad = await call(server, '/api/v1/admin/audit?limit=100000', { token: admin.accessToken });
    expect([bad.status, Object.keys(errorOf(bad.body).fields ?? {})]).toEqual([422, ['limit']]);
  });
});
