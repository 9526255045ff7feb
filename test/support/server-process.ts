import { randomBytes } from 'node:crypto';
import { startListening, type ListeningChild } from './listening-child';

const SERVER_SCRIPT = 'server/main.ts';

export interface ServerProcess extends ListeningChild {
  admin: { email: string; password: string };
}

/**
 * `npm run server` as a team starts it (`tsx server/main.ts`), on PORT=0, with the database in `databaseEnv`
 * (DATA_DIR or DATABASE_URL). Processes that share a database must share `admin`: the first to start creates it.
 */
export async function startServerProcess(
  databaseEnv: NodeJS.ProcessEnv,
  admin = { email: 'admin@tracker.test', password: randomBytes(12).toString('base64url') },
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = await startListening(
    'the server',
    SERVER_SCRIPT,
    { ...databaseEnv, PORT: '0', TRACKER_ADMIN_EMAIL: admin.email, TRACKER_ADMIN_PASSWORD: admin.password },
    nodeArgs,
  );
  return { ...child, admin };
}
