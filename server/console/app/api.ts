import { errorBodySchema } from '../../../lib/schemas/api';
import type { EventType } from '../../../lib/schemas/api';
import {
  adminEventPageSchema,
  destinationResponseSchema,
  destinationsResponseSchema,
  destinationTestResultSchema,
  type AdminEventQuery,
  type DestinationTestRequest,
} from '../../../lib/schemas/admin-deliveries';
import {
  adminIntakeListSchema,
  adminLeadSchema,
  adminOperatorListSchema,
  consoleSessionSchema,
  CSRF_HEADER,
  firstMessagePatternSchema,
  intakeCreatedSchema,
  operatorCreatedSchema,
  type IntakeKind,
  type NewOperator,
} from '../../../lib/schemas/console';
import { destinationSchema, type Destination, type DestinationInput } from '../../../lib/schemas/destination';
import { keptPostbacksResponseSchema } from '../../../lib/schemas/intake-calls';

/** A refusal or failure the console shows where it happened: the server's code and message, and its field messages. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

interface Parser<T> {
  parse(value: unknown): T;
}

const NO_BODY: Parser<void> = { parse: () => undefined };

/**
 * Every call the console makes. The CSRF token lives only in this closure (memory): the session cookie is HttpOnly, so
 * no script, the console's own included, holds anything that signs in.
 */
export function createConsoleApi(baseUrl = '', onSessionEnded: () => void = () => undefined) {
  let csrfToken: string | undefined;

  async function call<T>(method: string, path: string, answer: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiProblem(0, 'unreachable', 'The server cannot be reached.');
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const refusal = errorBodySchema.safeParse(json);
      const problem = refusal.success
        ? new ApiProblem(
            response.status,
            refusal.data.error.code,
            refusal.data.error.message,
            refusal.data.error.fields,
          )
        : new ApiProblem(response.status, 'http_' + response.status, `The server answered ${response.status}.`);
      if (response.status === 401 && path.startsWith('/api/')) onSessionEnded();
      throw problem;
    }
    return answer.parse(json);
  }

  const admin = '/api/v1/admin';
  const query = (params: Record<string, string | number | undefined>) => {
    const given = Object.entries(params).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
    );
    const search = new URLSearchParams(given.map(([name, value]) => [name, String(value)]));
    return search.size ? `?${search}` : '';
  };

  return {
    async currentSession() {
      const session = await call('GET', '/console/api/session', consoleSessionSchema);
      csrfToken = session.csrfToken;
      return session;
    },
    async signIn(email: string, password: string) {
      const session = await call('POST', '/console/api/session', consoleSessionSchema, { email, password });
      csrfToken = session.csrfToken;
      return session;
    },
    async signOut() {
      await call('DELETE', '/console/api/session', NO_BODY);
      csrfToken = undefined;
    },
    forgetSession() {
      csrfToken = undefined;
    },
    listOperators: () => call('GET', `${admin}/operators`, adminOperatorListSchema),
    createOperator: (operator: NewOperator) => call('POST', `${admin}/operators`, operatorCreatedSchema, operator),
    removeOperator: (id: string) => call('DELETE', `${admin}/operators/${encodeURIComponent(id)}`, NO_BODY),
    listDestinations: () => call('GET', `${admin}/destinations`, destinationsResponseSchema),
    createDestination: (destination: DestinationInput) =>
      call('POST', `${admin}/destinations`, destinationResponseSchema, destination),
    /** Sends the destination's own fields only (parsing drops the answer's extras such as `today`). */
    updateDestination: (destination: Destination) =>
      call(
        'PUT',
        `${admin}/destinations/${encodeURIComponent(destination.id)}`,
        destinationResponseSchema,
        destinationSchema.parse(destination),
      ),
    testDestination: (id: string, test: DestinationTestRequest) =>
      call('POST', `${admin}/destinations/${encodeURIComponent(id)}/test`, destinationTestResultSchema, test),
    listIntakes: () => call('GET', `${admin}/intakes`, adminIntakeListSchema),
    createIntake: (name: string, kind: IntakeKind) =>
      call('POST', `${admin}/intakes`, intakeCreatedSchema, { name, kind }),
    revokeIntake: (id: string) => call('DELETE', `${admin}/intakes/${encodeURIComponent(id)}`, NO_BODY),
    unmatchedPostbacks: () => call('GET', `${admin}/unmatched-postbacks`, keptPostbacksResponseSchema),
    firstMessagePattern: () => call('GET', `${admin}/settings/first-message-pattern`, firstMessagePatternSchema),
    saveFirstMessagePattern: (pattern: string | null) =>
      call('PUT', `${admin}/settings/first-message-pattern`, firstMessagePatternSchema, { pattern }),
    events: (filter: AdminEventQuery) => call('GET', `${admin}/events${query(filter)}`, adminEventPageSchema),
    resend: (eventId: string, destinationId: string) =>
      call(
        'POST',
        `${admin}/events/${encodeURIComponent(eventId)}/deliveries/${encodeURIComponent(destinationId)}/retry`,
        NO_BODY,
      ),
    lead: (channel: string, externalId: string) =>
      call(
        'GET',
        `${admin}/contacts/${encodeURIComponent(channel)}/${encodeURIComponent(externalId)}`,
        adminLeadSchema,
      ),
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
export type { EventType };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
