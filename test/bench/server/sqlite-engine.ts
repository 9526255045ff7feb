import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Engine } from './engine';

/** A fresh directory: the floor's database file and the server's DATA_DIR side by side, on the same disk. */
export async function sqliteEngine(): Promise<Engine> {
  const dir = await mkdtemp(join(tmpdir(), 'tracker-bench-sqlite-'));
  const probe = new Database(':memory:');
  const version = (probe.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version;
  probe.close();
  return {
    id: 'sqlite',
    name: 'SQLite',
    version: `SQLite ${version} (better-sqlite3), WAL, synchronous=FULL, in ${dir}`,
    floorDatabase: async () => join(dir, 'floor.sqlite'),
    serverEnv: async () => ({ DATA_DIR: join(dir, 'server'), DATABASE_URL: undefined }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
