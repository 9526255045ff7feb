import { randomBytes } from 'node:crypto';
import { startListening } from '../../support/listening-child';
import { KeepAliveClient } from './http-client';
import type { Target } from './target';

const SERVER_SCRIPT = 'server/main.ts';
const ADMIN_EMAIL = 'bench-admin@tracker.test';
const MANAGER_EMAIL = 'bench-manager@tracker.test';

/**
 * `npm run server` as a team starts it (`tsx server/main.ts` with its environment), on a fresh database: the admin
 * comes from TRACKER_ADMIN_*, creates a manager through the admin API, and the events are posted with the manager's
 * token, as the extension posts them.
 */
export async function startServer(databaseEnv: NodeJS.ProcessEnv): Promise<Target> {
  const adminPassword = randomBytes(12).toString('base64url');
  const { url, stop } = await startListening('the server', SERVER_SCRIPT, {
    ...databaseEnv,
    PORT: '0',
    TRACKER_ADMIN_EMAIL: ADMIN_EMAIL,
    TRACKER_ADMIN_PASSWORD: adminPassword,
  });
  try {
    const token = await managerToken(url, adminPassword);
    return { name: 'server', url, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function managerToken(url: string, adminPassword: string): Promise<string> {
  const client = new KeepAliveClient(url, 1);
  try {
    const admin = await signIn(client, ADMIN_EMAIL, adminPassword);
    const password = randomBytes(12).toString('base64url');
    const created = await client.request(
      'POST',
      '/api/v1/admin/operators',
      { email: MANAGER_EMAIL, name: 'Bench manager', password, role: 'manager' },
      { authorization: `Bearer ${admin}` },
    );
    if (created.status !== 201) throw new Error(`creating the bench's manager answered ${created.status}: ${created.body}`);
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
