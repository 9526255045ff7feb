import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ConsoleOperator } from '../../../lib/schemas/console';
import type { ConsoleAuth } from '../../../server/console/console-auth';
import { registerConsole } from '../../../server/console/plugin';
import { answerAdminCall, fakeAdminData, type FakeAdminData } from '../../console/support/fake-admin';

/**
 * The real console plugin (page, bundle, cookie session, CSRF check) on a Fastify server whose accounts and admin API
 * are the in-memory fake of the component tests: the console end to end in Chromium before the server lands. The
 * admin routes refuse a call without the plugin's operator, as the server's guard will.
 */
export interface ConsoleHost {
  url: string;
  data: FakeAdminData;
  close(): Promise<void>;
}

export async function startConsoleHost(data: Partial<FakeAdminData>): Promise<ConsoleHost> {
  const state = fakeAdminData(data);
  const sessions = new Map<string, ConsoleOperator>();
  const auth: ConsoleAuth = {
    async login(email, password) {
      const account = state.accounts.find((each) => each.email === email && each.password === password);
      if (!account) return { ok: false, reason: 'invalid_credentials' };
      const sessionId = randomBytes(32).toString('base64url');
      sessions.set(sessionId, account.operator);
      return { ok: true, sessionId, operator: account.operator };
    },
    async sessionFromCookie(sessionId) {
      return sessions.get(sessionId) ?? null;
    },
    async logout(sessionId) {
      sessions.delete(sessionId);
    },
  };
  const app: FastifyInstance = Fastify();
  await registerConsole(app, { auth });
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    url: '/api/v1/admin/*',
    handler: async (request, reply) => {
      const operator = request.consoleOperator;
      if (!operator) return reply.code(401).send({ error: { code: 'unauthorized', message: 'Sign in' } });
      if (operator.role !== 'admin')
        return reply.code(403).send({ error: { code: 'forbidden', message: 'Admins only' } });
      const url = new URL(request.url, 'http://host');
      const answer = answerAdminCall(
        state,
        request.method,
        url.pathname.slice('/api/v1/admin/'.length),
        url.searchParams,
        request.body,
      );
      return reply.code(answer.status).send(answer.body);
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    data: state,
    close: () => app.close(),
  };
}
