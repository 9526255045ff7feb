import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerAdminCall, fakeAdminData, type FakeAdminData } from './fake-admin';

/**
 * A real local HTTP server that answers the console's calls (its session and the admin API) from in-memory data, and
 * records every request so a test can assert what the server was asked. Its session is a flag and its CSRF token a
 * constant: the real cookie and token handling is the console plugin's, tested on its own.
 */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export const CSRF = 'csrf-token-of-the-fake';

export interface FakeAdminApi {
  url: string;
  data: FakeAdminData;
  requests: Recorded[];
  /** Ends the console's session on the server's side, as removing the admin or revoking their sessions would. */
  endSession(): void;
  /** Requests by method and path prefix. */
  calls(method: string, pathPrefix: string): Recorded[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => resolve(text ? JSON.parse(text) : undefined));
  });
}

export async function startFakeAdminApi(data: Partial<FakeAdminData> = {}): Promise<FakeAdminApi> {
  const state = fakeAdminData(data);
  const requests: Recorded[] = [];
  let signedIn = false;

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const path = url.pathname;
    requests.push({ method, path, query: url.searchParams, headers: request.headers, body });
    const send = (status: number, answer?: unknown) => {
      response.writeHead(status, answer === undefined ? {} : { 'content-type': 'application/json' });
      response.end(answer === undefined ? undefined : JSON.stringify(answer));
    };
    const refuse = (status: number, code: string, message: string) => send(status, { error: { code, message } });

    if (path === '/console/api/session') {
      if (method === 'GET')
        return signedIn
          ? send(200, { operator: state.accounts[0]?.operator, csrfToken: CSRF })
          : refuse(401, 'not_signed_in', 'Sign in');
      if (method === 'DELETE') {
        if (request.headers['x-csrf-token'] !== CSRF) return refuse(403, 'csrf_failed', 'No token');
        signedIn = false;
        return send(204);
      }
      const { email, password } = body as { email: string; password: string };
      const account = state.accounts.find((each) => each.email === email && each.password === password);
      if (!account) return refuse(401, 'invalid_credentials', 'Wrong email or password.');
      if (account.operator.role !== 'admin') return refuse(403, 'admins_only', 'The console is for admins.');
      signedIn = true;
      return send(200, { operator: account.operator, csrfToken: CSRF });
    }
    if (!path.startsWith('/api/v1/admin/')) return refuse(404, 'not_found', 'Not found');
    if (!signedIn) return refuse(401, 'unauthorized', 'Sign in');
    if (method !== 'GET' && request.headers['x-csrf-token'] !== CSRF) return refuse(403, 'csrf_failed', 'No token');
    const answer = answerAdminCall(state, method, path.slice('/api/v1/admin/'.length), url.searchParams, body);
    send(answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    data: state,
    requests,
    endSession: () => {
      signedIn = false;
    },
    calls: (method, prefix) => requests.filter((each) => each.method === method && each.path.startsWith(prefix)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
