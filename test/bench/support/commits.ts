import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeNow } from './clock';

const EVENTS_PATH = '/api/v1/events';

export interface Commit {
  id: string;
  /** When the request's headers reached the sandbox. */
  receivedAt: number;
  /** When the answer went out: the sandbox stores the event and answers in one synchronous step, so this is the commit. */
  storedAt: number;
  status: number;
}

interface HttpMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Timestamps every POST /api/v1/events a sandbox in this thread answers, through Node's own http diagnostics channels:
 * nothing in the sandbox is changed or wrapped. The route parses, stores (one SQLite transaction) and replies in one
 * synchronous call, so the reply being written is the commit, a few tens of µs after it. The event id is the
 * Idempotency-Key header, which the contract makes equal to it. Returns the stop.
 */
export function timestampEventPosts(onCommit: (commit: Commit) => void): () => void {
  const arrivals = new WeakMap<IncomingMessage, number>();
  const onStart = (message: unknown) => {
    const { request } = message as HttpMessage;
    if (request.method === 'POST' && request.url === EVENTS_PATH) arrivals.set(request, nodeNow());
  };
  const onFinish = (message: unknown) => {
    const storedAt = nodeNow();
    const { request, response } = message as HttpMessage;
    const receivedAt = arrivals.get(request);
    if (receivedAt === undefined) return;
    onCommit({ id: String(request.headers['idempotency-key']), receivedAt, storedAt, status: response.statusCode });
  };
  diagnostics.subscribe('http.server.request.start', onStart);
  diagnostics.subscribe('http.server.response.finish', onFinish);
  return () => {
    diagnostics.unsubscribe('http.server.request.start', onStart);
    diagnostics.unsubscribe('http.server.response.finish', onFinish);
  };
}

/** The platform's commits as they arrive, on this thread's clock, and waits for the next one that matches. */
export class CommitLog {
  readonly commits: Commit[] = [];
  private readonly waiters = new Set<{ test: (commit: Commit) => boolean; resolve: (commit: Commit) => void }>();

  add(commit: Commit): void {
    this.commits.push(commit);
    for (const waiter of this.waiters) {
      if (!waiter.test(commit)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(commit);
    }
  }

  /** Events newly stored (201), in order. */
  stored(): Commit[] {
    return this.commits.filter((commit) => commit.status === 201);
  }

  /** Resolves with the first commit from now on that passes `test`; rejects after `timeoutMs`. */
  next(test: (commit: Commit) => boolean, timeoutMs: number): Promise<Commit> {
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (commit: Commit) => {
          clearTimeout(timer);
          resolve(commit);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No event stored within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
