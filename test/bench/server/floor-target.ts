import { fileURLToPath } from 'node:url';
import { startListening } from '../../support/listening-child';
import type { Target } from './target';

const FLOOR_SCRIPT = fileURLToPath(new URL('./floor.ts', import.meta.url));

/** The floor in a process of its own; `database` is a SQLite file or a postgres:// URL of a fresh database. */
export async function startFloor(database: string, nodeArgs: readonly string[] = []): Promise<Target> {
  const { url, child, stop } = await startListening('the floor', FLOOR_SCRIPT, { FLOOR_DATABASE: database }, nodeArgs);
  return { name: 'floor', url, pid: child.pid, stop };
}
