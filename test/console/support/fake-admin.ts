import type { AdminDestination, AdminEvent } from '../../../lib/schemas/admin-deliveries';
import type { AdminIntake, AdminLead, AdminOperator, ConsoleOperator } from '../../../lib/schemas/console';
import type { KeptPostback } from '../../../lib/schemas/intake-calls';

/**
 * The admin API's answers as server.md, lib/schemas/admin-deliveries.ts and lib/schemas/console.ts define them, from in-memory data: what the console
 * sees of the real server. Served by the node:http fake in component tests and behind the real console plugin in the
 * end-to-end test.
 */
export interface FakeAdminData {
  accounts: { email: string; password: string; operator: ConsoleOperator }[];
  operators: AdminOperator[];
  destinations: AdminDestination[];
  intakes: AdminIntake[];
  /** Partner postbacks no contact had the click id of. */
  unmatched: KeptPostback[];
  events: AdminEvent[];
  leads: AdminLead[];
  pattern: string | null;
  /** The answer `POST …/destinations/{id}/test` gives. */
  testAnswer: { status: number; body: string };
  /** Events per page of `GET …/events`. */
  pageSize: number;
}

export interface Answer {
  status: number;
  body?: unknown;
}

export function fakeAdminData(data: Partial<FakeAdminData> = {}): FakeAdminData {
  return {
    accounts: [],
    operators: [],
    destinations: [],
    intakes: [],
    unmatched: [],
    events: [],
    leads: [],
    pattern: null,
    testAnswer: { status: 200, body: 'OK' },
    pageSize: 100,
    ...data,
  };
}

const refuse = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

/** Answers one admin call; `path` is after `/api/v1/admin/`. */
export function answerAdminCall(
  state: FakeAdminData,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Answer {
  const parts = path.split('/').map(decodeURIComponent);
  const newId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  switch (`${method} ${parts[0]}`) {
    case 'GET operators':
      return { status: 200, body: { operators: state.operators } };
    case 'POST operators': {
      const input = body as { email: string; name: string; role: 'admin' | 'manager'; password: string };
      if (state.operators.some((each) => each.email === input.email)) return refuse(409, 'email_taken', 'Taken');
      const operator = { id: newId('op'), name: input.name, email: input.email, role: input.role };
      state.operators.push({ ...operator, lastSignInAt: null, eventsThisWeek: 0 });
      state.accounts.push({ email: input.email, password: input.password, operator });
      return { status: 201, body: { operator } };
    }
    case 'DELETE operators':
      state.operators = state.operators.filter((each) => each.id !== parts[1]);
      return { status: 204 };
    case 'GET destinations':
      return { status: 200, body: { destinations: state.destinations } };
    case 'POST destinations': {
      if (parts[2] === 'test') {
        const destination = state.destinations.find((each) => each.id === parts[1]);
        const test = body as { type: 'deposit'; clickId: string };
        const status = destination?.statusMap[test.type] ?? '';
        return {
          status: 200,
          body: {
            request: { method: 'GET', url: `${destination?.url}?subid=${test.clickId}&status=${status}` },
            response: state.testAnswer,
          },
        };
      }
      const destination = {
        ...(body as object),
        id: newId('dest'),
        today: { delivered: 0, pending: 0, held: 0, failed: 0 },
      } as AdminDestination;
      state.destinations.push(destination);
      return { status: 201, body: { destination } };
    }
    case 'PUT destinations': {
      const index = state.destinations.findIndex((each) => each.id === parts[1]);
      const current = state.destinations[index];
      if (!current) return refuse(404, 'not_found', 'No such destination');
      state.destinations[index] = { ...current, ...(body as object), today: current.today };
      return { status: 200, body: { destination: state.destinations[index] } };
    }
    case 'GET intakes':
      return { status: 200, body: { intakes: state.intakes } };
    case 'POST intakes': {
      const input = body as { name: string; kind: 'links' };
      const id = newId('intake');
      state.intakes.push({
        id,
        ...input,
        createdAt: new Date().toISOString(),
        revokedAt: null,
        lastCallAt: null,
        lastCallStatus: null,
      });
      return { status: 201, body: { intake: { id, ...input, url: `https://td.example/intake/secret-${id}` } } };
    }
    case 'DELETE intakes': {
      const intake = state.intakes.find((each) => each.id === parts[1]);
      if (intake) intake.revokedAt = new Date().toISOString();
      return { status: 204 };
    }
    case 'GET unmatched-postbacks':
      return { status: 200, body: { postbacks: state.unmatched } };
    case 'GET settings':
      return { status: 200, body: { pattern: state.pattern } };
    case 'PUT settings':
      state.pattern = (body as { pattern: string | null }).pattern;
      return { status: 200, body: { pattern: state.pattern } };
    case 'GET events': {
      const matching = state.events.filter(
        (event) =>
          (!query.get('operator') || event.operator?.id === query.get('operator')) &&
          (!query.get('type') || event.type === query.get('type')) &&
          (!query.get('state') || event.deliveries.some((delivery) => delivery.state === query.get('state'))) &&
          (!query.get('contact') ||
            event.contact.externalId === query.get('contact') ||
            event.contact.username === query.get('contact')),
      );
      const start = Number(query.get('cursor') ?? 0);
      const next = start + state.pageSize < matching.length ? String(start + state.pageSize) : undefined;
      return {
        status: 200,
        body: { events: matching.slice(start, start + state.pageSize), ...(next ? { next } : {}) },
      };
    }
    case 'POST events': {
      const delivery = state.events
        .find((each) => each.id === parts[1])
        ?.deliveries.find((each) => each.destinationId === parts[3]);
      if (!delivery || parts[4] !== 'retry') return refuse(404, 'not_found', 'No such delivery');
      delivery.state = 'pending';
      return { status: 202 };
    }
    case 'GET contacts': {
      const lead = state.leads.find(
        (each) => each.contact.channel === parts[1] && each.contact.externalId === parts[2],
      );
      return lead ? { status: 200, body: lead } : refuse(404, 'not_found', 'No such contact');
    }
  }
  return refuse(404, 'not_found', 'Not found');
}
