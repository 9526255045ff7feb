import type { Engine } from './engine';

/** Until test/support/postgres-cluster.ts lands (branch infra), PostgreSQL is reported as not run. */
export async function postgresEngine(): Promise<Engine> {
  throw new Error('test/support/postgres-cluster.ts is not on this branch yet');
}
