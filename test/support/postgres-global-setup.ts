/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster per test run (durable commits, as in production), its superuser
 * URL provided to the tests as `inject('postgresUrl')`; each test file makes its own database with
 * `createDatabase(inject('postgresUrl'))` from ./postgres-cluster. The cluster stops at teardown, and with the test
 * process if that dies first.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
