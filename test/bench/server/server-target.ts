import { randomBytes } from 'node:crypto';
import { startServerProcess } from '../../support/server-process';
import { KeepAliveClient } from './http-client';
import type { Target } from './target';

const MANAGER_EMAIL = 'bench-manager@tracker.test';

/**
 * The server as a team starts it, on a fresh database: the admin from TRACKER_ADMIN_* creates a manager through the
 * admin API, and the events are posted with the manager's token, as the extension posts them.
 */
export async function startServer(databaseEnv: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): Promise<Target> {
  const server = await startServerProcess(databaseEnv, undefined, nodeArgs);
  try {
    const token = await managerToken(server.url, server.admin);
    return { name: 'server', url: server.url, token, pid: server.child.pid, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function managerToken(url: string, admin: { email: string; password: string }): Promise<string> {
  const client = new KeepAliveClient(url, 1);
  try {
    const adminToken = await signIn(client, admin.email, admin.password);
    const password = randomBytes(12).toString('base64url');
    const created = await client.request(
      'POST',
      '/api/v1/admin/operators',
      { email: MANAGER_EMAIL, name: 'Bench manager', password, role: 'manager' },
      { authorization: `Bearer ${adminToken}` },
    );
    if (created.status !== 201)
      throw new Error(`creating the bench's manager answered ${created.status}: ${created.body}`);
    return await signIn(client, MANAGER_EMAIL, password);
  } finally {
    client.close();
  }
}

async function signIn(client: KeepAliveClient, email: string, password: string): Promise<string> {
  const answer = await client.request('POST', '/api/v1/auth/login', { email, password });
  if (answer.status !== 200) throw new Error(`signing in as ${email} answered ${answer.status}: ${answer.body}`);
  return (JSON.parse(answer.body) as { accessToken: string }).accessToken;
}
