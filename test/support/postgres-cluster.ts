/**
 * A throwaway PostgreSQL cluster for tests: Debian's `postgresql` binaries, `initdb` in a fresh temporary folder,
 * `pg_ctl start` on a free loopback port (and a unix socket in that folder), trust authentication, the superuser
 * `postgres`. Running as root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 *
 * Nothing outlives the process that started it: a small watchdog (`sh`, detached) checks every second that this process
 * is alive, and when it is gone (exit, crash, SIGKILL) stops the server at once and removes the folder; a normal exit
 * does the same synchronously. `stop()` is the orderly way (`pg_ctl stop -m fast`).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export interface PostgresCluster {
  /** The superuser's URL to the `postgres` database. */
  url: string;
  /** A fresh, empty database; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

export interface PostgresClusterOptions {
  /**
   * `false` turns fsync, synchronous commits and full-page writes off: faster, and fine where no test measures or relies
   * on durable commits. The default (on) is what a production server does, so benchmarks measure the real cost.
   */
  fsync?: boolean;
}

const run = promisify(execFile);
const NEEDED = ['initdb', 'pg_ctl', 'postgres'];
const HOW_TO_GET_IT =
  "Install PostgreSQL's server (Debian/Ubuntu: apt-get install postgresql), or set POSTGRES_BIN_DIR to the folder " +
  'that holds initdb, pg_ctl and postgres.';
const SUPERUSER = 'postgres';
const START_ATTEMPTS = 5;

function hasServerBinaries(dir: string): boolean {
  return NEEDED.every((name) => existsSync(join(dir, name)));
}

/** Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin; the newest version wins. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

function pgConfigBinDir(): string[] {
  try {
    return [execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()];
  } catch {
    return [];
  }
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(':').filter(Boolean);
}

export function postgresBinDir(): string {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv) {
    if (!hasServerBinaries(fromEnv))
      throw new Error(`POSTGRES_BIN_DIR=${fromEnv} has no ${NEEDED.join(', ')}. ${HOW_TO_GET_IT}`);
    return fromEnv;
  }
  const found = [...pgConfigBinDir(), ...debianBinDirs(), ...pathDirs()].find(hasServerBinaries);
  if (!found) throw new Error(`PostgreSQL's server binaries (${NEEDED.join(', ')}) were not found. ${HOW_TO_GET_IT}`);
  return found;
}

/** The command line that runs a PostgreSQL binary as a user PostgreSQL accepts: `postgres` when we are root. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [binary, args];
  return ['runuser', ['-u', SUPERUSER, '--', binary, ...args]];
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      `Running as root, the cluster runs as the "${SUPERUSER}" user, which does not exist. ${HOW_TO_GET_IT}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Stops the server and removes the folder if this process ends without `stop()`, even by SIGKILL. */
function startWatchdog(dir: string, stopCommand: [string, string[]]): number | undefined {
  const script =
    'parent=$1; dir=$2; shift 2; while kill -0 "$parent" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$dir"';
  const [command, args] = stopCommand;
  const watchdog = spawn('sh', ['-c', script, 'postgres-watchdog', String(process.pid), dir, command, ...args], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog.pid;
}

export async function createDatabase(superuserUrl: string): Promise<string> {
  const name = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(superuserUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const binDir = postgresBinDir();
  const ids = serverUserIds();
  const dir = mkdtempSync(join(tmpdir(), 'tracker-data-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const pgCtl = join(binDir, 'pg_ctl');
  // The folder is PostgreSQL's own: commands run there, so a server user who cannot read our cwd does not complain.
  const exec = async (binary: string, args: string[]) => {
    const [command, commandArgs] = asServerUser(join(binDir, binary), args);
    return run(command, commandArgs, { cwd: dir, encoding: 'utf8' });
  };
  const stopCommand = (mode: 'fast' | 'immediate') => asServerUser(pgCtl, ['stop', '-D', dataDir, '-m', mode, '-w']);
  const watchdog = startWatchdog(dir, stopCommand('immediate'));

  const cleanUpNow = () => {
    const [command, args] = stopCommand('immediate');
    try {
      execFileSync(command, args, { cwd: dir, stdio: 'ignore' });
    } catch {
      // Not running (never started, or already stopped): nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUpNow);
  const dismiss = () => {
    process.removeListener('exit', cleanUpNow);
    if (watchdog) {
      try {
        process.kill(watchdog);
      } catch {
        // Already gone.
      }
    }
  };

  try {
    // --no-sync: the initial files are not flushed, which only matters if the machine crashes during a test run.
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const durable = options.fsync ?? true;
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        `fsync = ${durable ? 'on' : 'off'}`,
        `synchronous_commit = ${durable ? 'on' : 'off'}`,
        `full_page_writes = ${durable ? 'on' : 'off'}`,
        '',
      ].join('\n'),
    );
    const port = await startOnFreePort(exec, dataDir, logFile);
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    let stopped: Promise<void> | undefined;
    return {
      url,
      createDatabase: () => createDatabase(url),
      stop: () => {
        stopped ??= (async () => {
          dismiss();
          const [command, args] = stopCommand('fast');
          await run(command, args, { cwd: dir });
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    dismiss();
    const log = readLog(logFile);
    cleanUpNow();
    throw new Error(`The test PostgreSQL cluster did not start: ${String(error)}${log ? `\n${log}` : ''}`, {
      cause: error,
    });
  }
}

/** A free port can be taken by someone else before the server binds it; then another one is tried. */
async function startOnFreePort(
  exec: (binary: string, args: string[]) => Promise<unknown>,
  dataDir: string,
  logFile: string,
): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      await exec('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`]);
      return port;
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/could not (bind|create listen)/i.test(readLog(logFile))) throw error;
    }
  }
}
