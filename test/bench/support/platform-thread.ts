import { Worker } from 'node:worker_threads';
import { measureClockOffset } from './clock';
import { CommitLog, type Commit } from './commits';

/** What the platform's thread tells the bench. */
export type FromPlatform =
  | { kind: 'ready'; url: string; port: number }
  | { kind: 'commit'; commit: Commit }
  | { kind: 'answer'; id: number; value: unknown };

/** What the bench asks of it: its clock, the ids of every event it holds; or to stop. */
export type ToPlatform = { kind: 'now' | 'storedIds'; id: number } | { kind: 'close' };

export interface PlatformThread {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Every POST /api/v1/events it answered, on the bench's clock. */
  commits: CommitLog;
  /** The id of every event it holds, each as often as it is stored (the demo history's included). */
  storedIds(): Promise<string[]>;
  close(): Promise<void>;
}

const ENTRY = new URL('./platform-thread-entry.ts', import.meta.url).href;

/**
 * The sandbox platform in a thread of its own. In the bench's thread it shared one event loop with Playwright, whose
 * Node side handles the replies to the click it just made: they come late when the chat page is busy (the panel
 * re-rendering on Save), so they were handled while the platform should have been taking the Save's POST, and that
 * time counted as the platform's (docs/performance.md, "How the bench measures"). The thread loads the bench's
 * TypeScript through tsx, as the bench itself is run.
 */
export async function startPlatformThread(): Promise<PlatformThread> {
  const worker = new Worker(
    `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(ENTRY)});`,
    {
      eval: true,
    },
  );
  const commits = new CommitLog();
  const answers = new Map<number, (value: unknown) => void>();
  let nextQuestion = 0;
  let offsetMs = 0;
  const ready = new Promise<{ url: string; port: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: FromPlatform) => {
      if (message.kind === 'ready') resolve(message);
      else if (message.kind === 'answer') answers.get(message.id)?.(message.value);
      else {
        const { commit } = message;
        commits.add({ ...commit, receivedAt: commit.receivedAt - offsetMs, storedAt: commit.storedAt - offsetMs });
      }
    });
  });
  const { url, port } = await ready;
  const ask = <T>(kind: 'now' | 'storedIds') =>
    new Promise<T>((resolve) => {
      const id = nextQuestion++;
      answers.set(id, (value) => {
        answers.delete(id);
        resolve(value as T);
      });
      worker.postMessage({ kind, id } satisfies ToPlatform);
    });
  offsetMs = (await measureClockOffset(() => ask<number>('now'))).offsetMs;
  return {
    url,
    port,
    commits,
    storedIds: () => ask<string[]>('storedIds'),
    async close() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ kind: 'close' } satisfies ToPlatform);
      await exited;
    },
  };
}
