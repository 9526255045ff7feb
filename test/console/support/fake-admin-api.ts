import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminDestination, AdminEvent, AdminIntake, AdminLead, AdminOperator, ConsoleOperator } from '../../../lib/schemas/console';

/**
 * A real local HTTP server that answers the console's calls as server.md and lib/schemas/console.ts say, from
 * in-memory data, and records every request so a test can assert what the server was asked.
 */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeAdminData {
  accounts: { email: string; password: string; operator: ConsoleOperator }[];
  operators: AdminOperator[];
  destinations: AdminDestination[];
  intakes: AdminIntake[];
  events: AdminEvent[];
  leads: AdminLead[];
  pattern: string | null;
  /** The answer `POST …/destinations/{id}/test` gives. */
  testAnswer: { status: number; body: string };
  /** Events per page of `GET …/events`. */
  pageSize: number;
}

export const CSRF = 'csrf-token-of-the-fake';

export interface FakeAdminApi {
  url: string;
  data: FakeAdminData;
  requests: Recorded[];
  /** Ends the console's session on the server's side, as removing the admin or a restart with revoked sessions would. */
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
  const state: FakeAdminData = {
    accounts: [],
    operators: [],
    destinations: [],
    intakes: [],
    events: [],
    leads: [],
    pattern: null,
    testAnswer: { status: 200, body: 'OK' },
    pageSize: 100,
    ...data,
  };
  const requests: Recorded[] = [];
  let signedIn = false;
  let nextId = 1;

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readBody(request);
    const path = url.pathname;
    requests.push({ method: request.method ?? 'GET', path, query: url.searchParams, headers: request.headers, body });
    const send = (status: number, answer?: unknown) => {
      response.writeHead(status, answer === undefined ? {} : { 'content-type': 'application/json' });
      response.end(answer === undefined ? undefined : JSON.stringify(answer));
    };
    const refuse = (status: number, code: string, message: string, fields?: Record<string, string>) =>
      send(status, { error: { code, message, ...(fields ? { fields } : {}) } });
    const method = request.method ?? 'GET';

    if (path === '/console/api/session') {
      if (method === 'GET') return signedIn ? send(200, { operator: state.accounts[0]?.operator, csrfToken: CSRF }) : refuse(401, 'not_signed_in', 'Sign in');
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
    const parts = path.slice('/api/v1/admin/'.length).split('/').map(decodeURIComponent);

    switch (`${method} ${parts[0]}`) {
      case 'GET operators':
        return send(200, { operators: state.operators });
      case 'POST operators': {
        const input = body as { email: string; name: string; role: 'admin' | 'manager' };
        if (state.operators.some((each) => each.email === input.email)) return refuse(409, 'email_taken', 'Taken');
        const operator = { id: `op-${nextId++}`, name: input.name, email: input.email, role: input.role };
        state.operators.push({ ...operator, lastSignInAt: null, eventsThisWeek: 0 });
        return send(201, { operator });
      }
      case 'DELETE operators':
        state.operators = state.operators.filter((each) => each.id !== parts[1]);
        return send(204);
      case 'GET destinations':
        return send(200, { destinations: state.destinations });
      case 'POST destinations': {
        if (parts[2] === 'test') {
          const destination = state.destinations.find((each) => each.id === parts[1]);
          const test = body as { type: string; clickId: string };
          const status = destination?.statusMap[test.type as 'deposit'] ?? '';
          return send(200, {
            request: { method: 'GET', url: `${destination?.url}?subid=${test.clickId}&status=${status}` },
            response: state.testAnswer,
          });
        }
        const destination = { ...(body as object), id: `dest-${nextId++}`, today: { delivered: 0, pending: 0, held: 0, failed: 0 } } as AdminDestination;
        state.destinations.push(destination);
        return send(201, { destination });
      }
      case 'PUT destinations': {
        const index = state.destinations.findIndex((each) => each.id === parts[1]);
        const current = state.destinations[index];
        if (!current) return refuse(404, 'not_found', 'No such destination');
        state.destinations[index] = { ...current, ...(body as object), today: current.today };
        return send(200, { destination: state.destinations[index] });
      }
      case 'GET intakes':
        return send(200, { intakes: state.intakes });
      case 'POST intakes': {
        const input = body as { name: string; kind: 'links' };
        const id = `intake-${nextId++}`;
        state.intakes.push({ id, ...input, createdAt: new Date().toISOString(), revokedAt: null, lastCallAt: null, lastCallStatus: null });
        return send(201, { intake: { id, ...input, url: `https://td.example/intake/secret-${id}` } });
      }
      case 'DELETE intakes': {
        const intake = state.intakes.find((each) => each.id === parts[1]);
        if (intake) intake.revokedAt = new Date().toISOString();
        return send(204);
      }
      case 'GET settings':
        return send(200, { pattern: state.pattern });
      case 'PUT settings':
        state.pattern = (body as { pattern: string | null }).pattern;
        return send(200, { pattern: state.pattern });
      case 'GET events': {
        const q = url.searchParams;
        const matching = state.events.filter(
          (event) =>
            (!q.get('operator') || event.operator?.id === q.get('operator')) &&
            (!q.get('type') || event.type === q.get('type')) &&
            (!q.get('state') || event.deliveries.some((delivery) => delivery.state === q.get('state'))) &&
            (!q.get('contact') || event.contact.externalId === q.get('contact') || event.contact.username === q.get('contact')),
        );
        const start = Number(q.get('cursor') ?? 0);
        const page = matching.slice(start, start + state.pageSize);
        const next = start + state.pageSize < matching.length ? String(start + state.pageSize) : undefined;
        return send(200, { events: page, ...(next ? { next } : {}) });
      }
      case 'POST events': {
        const delivery = state.events.find((each) => each.id === parts[1])?.deliveries.find((each) => each.destinationId === parts[3]);
        if (!delivery || parts[4] !== 'retry') return refuse(404, 'not_found', 'No such delivery');
        delivery.state = 'pending';
        return send(202);
      }
      case 'GET contacts': {
        const lead = state.leads.find((each) => each.contact.channel === parts[1] && each.contact.externalId === parts[2]);
        return lead ? send(200, lead) : refuse(404, 'not_found', 'No such contact');
      }
    }
    return refuse(404, 'not_found', 'Not found');
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
