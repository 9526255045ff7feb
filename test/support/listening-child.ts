import { spawn, type ChildProcess } from 'node:child_process';

export interface ListeningChild {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

const URL_PATTERN = /https?:\/\/[\w.\-[\]:]+:\d+/;
/** Generous: on a machine shared with other work, tsx compiling the server and its first scrypt take a while. */
const START_TIMEOUT_MS = 120_000;
/** Lines kept from the child's output to explain a failed start. */
const TAIL_LINES = 40;

/**
 * Starts `script` under tsx in a process of its own (the server, or the bench's floor: a load generator or a test then
 * never shares its event loop) and resolves with the first URL it prints. Its output is read to the end, or a chatty
 * logger would fill the pipe and stall it. `nodeArgs` go to node itself (e.g. --cpu-prof).
 */
export function startListening(
  label: string,
  script: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<ListeningChild> {
  const merged = { ...process.env, ...env };
  // An engine that must not see a variable of the bench's own environment (DATABASE_URL for SQLite) sets it undefined.
  for (const name of Object.keys(env)) if (env[name] === undefined) delete merged[name];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let found = false;
    const fail = (why: string) => {
      if (found) return;
      found = true;
      void stop();
      reject(new Error(`${label} did not start: ${why}\n${tail.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        const url = found ? undefined : URL_PATTERN.exec(line)?.[0];
        if (url) {
          found = true;
          clearTimeout(timer);
          resolve({ url, child, stop });
        }
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited with ${signal ?? code}`);
    });
  });
}
