import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import setupPostgres from './postgres-global-setup';

const STARTUP = 60_000;
const started: PostgresCluster[] = [];

async function start(options?: Parameters<typeof startPostgresCluster>[0]): Promise<PostgresCluster> {
  const cluster = await startPostgresCluster(options);
  started.push(cluster);
  return cluster;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What a client sees once the server is gone: nothing listens on its port. */
async function expectRefused(url: string): Promise<void> {
  await expect(query(url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((cluster) => cluster.stop()));
});

describe('a throwaway PostgreSQL cluster', () => {
  it(
    'gives each test its own empty database, commits durably, and closes its port when stopped',
    { timeout: STARTUP },
    async () => {
      const cluster = await start();
      expect(new URL(cluster.url).hostname).toBe('127.0.0.1');
      const [first, second] = [await cluster.createDatabase(), await cluster.createDatabase()];
      expect(first).not.toBe(second);

      await query(first, "CREATE TABLE events (id text PRIMARY KEY); INSERT INTO events VALUES ('evt-1')");
      expect(await query(first, 'SELECT id FROM events')).toEqual([{ id: 'evt-1' }]);
      await expect(query(second, 'SELECT id FROM events')).rejects.toThrow('relation "events" does not exist');
      expect(await query(first, 'SHOW fsync')).toEqual([{ fsync: 'on' }]);
      expect(await query(first, 'SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);

      await cluster.stop();
      await expectRefused(cluster.url);
    },
  );

  it('turns durable commits off only when asked', { timeout: STARTUP }, async () => {
    const cluster = await start({ fsync: false });
    expect(await query(cluster.url, 'SHOW fsync')).toEqual([{ fsync: 'off' }]);
  });

  it('serves the URL the global setup provides to the tests until its teardown', { timeout: STARTUP }, async () => {
    const provided = new Map<string, unknown>();
    const teardown = await setupPostgres({ provide: (key, value) => provided.set(key, value) });
    const url = String(provided.get('postgresUrl'));
    try {
      expect(await query(url, 'SELECT current_user AS who')).toEqual([{ who: 'postgres' }]);
    } finally {
      await teardown();
    }
    await expectRefused(url);
  });

  it('does not outlive a test process that is killed', { timeout: STARTUP }, async () => {
    const script = `const { startPostgresCluster } = await import(${JSON.stringify(resolve('test/support/postgres-cluster.ts'))});
      const cluster = await startPostgresCluster({ fsync: false });
      console.log(cluster.url);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolvePromise, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolvePromise);
      child.once('exit', (code) => reject(new Error(`the test process ended (${code}) before its cluster started`)));
    });
    const [{ data_directory: dataDir }] = (await query<{ data_directory: string }>(url, 'SHOW data_directory')) as [
      { data_directory: string },
    ];
    expect(existsSync(dataDir)).toBe(true);

    child.kill('SIGKILL');
    await expect
      .poll(
        () =>
          query(url, 'SELECT 1').then(
            () => 'answering',
            (error: { code?: string }) => error.code,
          ),
        { timeout: 15_000 },
      )
      .toBe('ECONNREFUSED');
    await expect.poll(() => existsSync(dataDir), { timeout: 5_000 }).toBe(false);
  });

  it('says what to install when the PostgreSQL binaries are missing', async () => {
    vi.stubEnv('POSTGRES_BIN_DIR', mkdtempSync(join(tmpdir(), 'no-postgres-')));
    try {
      await expect(startPostgresCluster()).rejects.toThrow('apt-get install postgresql');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
