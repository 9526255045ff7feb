import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A DevTools-protocol connection to any target of the browser (the extension's service worker included, which
 * Playwright gives no CDP session for), over the browser's remote-debugging port. Needs a global WebSocket: Node 22,
 * or Node 20 with --experimental-websocket.
 */
export class TargetSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  /** Connects to the first target whose URL passes `test`, in a browser started with --remote-debugging-port=0. */
  static async connect(
    userDataDir: string,
    test: (target: { type: string; url: string }) => boolean,
  ): Promise<TargetSession> {
    if (typeof WebSocket === 'undefined')
      throw new Error('No WebSocket in this Node: use Node 22, or NODE_OPTIONS=--experimental-websocket');
    const port = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      type: string;
      url: string;
      webSocketDebuggerUrl: string;
    }>;
    const target = targets.find(test);
    if (!target) throw new Error(`No such target among ${targets.map((t) => `${t.type} ${t.url}`).join(', ')}`);
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', reject, { once: true });
    });
    return new TargetSession(socket);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }),
    );
  }

  close(): void {
    this.socket.close();
  }
}
