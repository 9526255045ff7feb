import pg from 'pg';
import { startPostgresCluster } from '../../support/postgres-cluster';
import type { Engine } from './engine';

/**
 * A throwaway cluster with fsync, synchronous_commit and full_page_writes on (what a team's server runs with), one
 * fresh database for the floor and one for the server.
 */
export async function postgresEngine(): Promise<Engine> {
  const cluster = await startPostgresCluster({ fsync: true });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    await client.end();
    return {
      id: 'postgres',
      name: 'PostgreSQL',
      version: `PostgreSQL ${rows[0]?.server_version ?? '?'} (pg), fsync on, synchronous_commit on, a throwaway cluster`,
      floorDatabase: () => cluster.createDatabase(),
      serverEnv: async () => ({ DATABASE_URL: await cluster.createDatabase() }),
      close: () => cluster.stop(),
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
