import type { z } from 'zod/mini';
import {
  contactLookupResponseSchema,
  errorBodySchema,
  eventResponseSchema,
  failedDeliveriesResponseSchema,
  sessionSchema,
  teamSettingsSchema,
  trackerDataUpdateResponseSchema,
  type Contact,
  type ContactKey,
  type ContactLookupResponse,
  type LoginRequest,
  type Session,
  type TeamSettings,
  type TrackerDataUpdate,
  type TrackerEvent,
  type TrackerEventInput,
} from '../schemas';
import type { ApiFailure, ApiResult } from './api-failure';

export interface ApiClient {
  login(credentials: LoginRequest): Promise<ApiResult<Session>>;
  refresh(refreshToken: string): Promise<ApiResult<Session>>;
  logout(refreshToken: string, accessToken: string | undefined): Promise<ApiResult<null>>;
  getContact(key: ContactKey, accessToken: string): Promise<ApiResult<ContactLookupResponse>>;
  postEvent(event: TrackerEventInput, accessToken: string): Promise<ApiResult<TrackerEvent>>;
  /** The signed-in operator's events a tracker refused or the server gave up on (docs/tracker-api.md, Deliveries). */
  failedDeliveries(accessToken: string): Promise<ApiResult<TrackerEvent[]>>;
  /** v1 addition: what the team's admin set for every manager (the first-message pattern). */
  getTeamSettings(accessToken: string): Promise<ApiResult<TeamSettings>>;
  /** v1 addition: links the contact to a click id by hand; answers the contact as the platform now has it. */
  putTrackerData(key: ContactKey, update: TrackerDataUpdate, accessToken: string): Promise<ApiResult<Contact>>;
}

export interface ApiClientOptions {
  /** The platform's origin (settings.apiUrl), asked for on every call so a settings change applies at once. */
  baseUrl: () => Promise<string>;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

interface Call<T> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  accessToken?: string;
  headers?: Record<string, string>;
  /** Undefined when success has no body (204). */
  schema?: z.ZodMiniType<T>;
}

/** Tracker API v1 (docs/tracker-api.md). The extension's only `fetch`; every outcome comes back as a value. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(spec: Call<T>): Promise<ApiResult<T>> {
    const url = `${await options.baseUrl()}/api/v1${spec.path}`;
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.accessToken) headers.authorization = `Bearer ${spec.accessToken}`;
    try {
      const response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return response.ok
        ? readSuccess(response.status, text, spec.schema)
        : { ok: false, failure: readHttpError(response, text) };
    } catch (error) {
      return { ok: false, failure: transportFailure(error, url, timeoutMs) };
    }
  }

  return {
    login: (credentials) => call({ method: 'POST', path: '/auth/login', body: credentials, schema: sessionSchema }),
    refresh: (refreshToken) =>
      call({ method: 'POST', path: '/auth/refresh', body: { refreshToken }, schema: sessionSchema }),
    logout: (refreshToken, accessToken) =>
      call<null>({ method: 'POST', path: '/auth/logout', body: { refreshToken }, accessToken }),
    getContact: (key, accessToken) =>
      call({
        method: 'GET',
        path: contactPath(key),
        accessToken,
        schema: contactLookupResponseSchema,
      }),
    postEvent: async (event, accessToken) => {
      const result = await call({
        method: 'POST',
        path: '/events',
        body: event,
        accessToken,
        headers: { 'idempotency-key': event.id },
        schema: eventResponseSchema,
      });
      if (!result.ok) return result;
      // An answer about another event (a proxy's cache, a platform bug) does not say this one was stored.
      if (result.data.event.id !== event.id) {
        return {
          ok: false,
          failure: {
            kind: 'malformed',
            status: result.status,
            message: `The platform answered ${result.status} for another event than the one posted`,
          },
        };
      }
      return { ...result, data: result.data.event };
    },
    failedDeliveries: async (accessToken) => {
      const result = await call({
        method: 'GET',
        path: '/events?delivery=failed',
        accessToken,
        schema: failedDeliveriesResponseSchema,
      });
      return result.ok ? { ...result, data: result.data.events } : result;
    },
    getTeamSettings: (accessToken) =>
      call({ method: 'GET', path: '/team-settings', accessToken, schema: teamSettingsSchema }),
    putTrackerData: async (key, update, accessToken) => {
      const result = await call({
        method: 'PUT',
        path: `${contactPath(key)}/tracker-data`,
        body: update,
        accessToken,
        schema: trackerDataUpdateResponseSchema,
      });
      return result.ok ? { ...result, data: result.data.contact } : result;
    },
  };
}

function contactPath(key: ContactKey): string {
  return `/contacts/${encodeURIComponent(key.channel)}/${encodeURIComponent(key.externalId)}`;
}

function readSuccess<T>(status: number, text: string, schema: z.ZodMiniType<T> | undefined): ApiResult<T> {
  if (!schema) return { ok: true, status, data: null as T };
  const parsed = schema.safeParse(parseJson(text));
  if (parsed.success) return { ok: true, status, data: parsed.data };
  return {
    ok: false,
    failure: { kind: 'malformed', status, message: `The platform's answer (${status}) is not what the contract says` },
  };
}

function readHttpError(response: Response, text: string): ApiFailure {
  const body = errorBodySchema.safeParse(parseJson(text));
  const error = body.success
    ? body.data.error
    : {
        code: `http_${response.status}`,
        message: `The platform answered ${response.status} ${response.statusText}`.trim(),
      };
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  return {
    kind: 'http',
    status: response.status,
    error,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function transportFailure(error: unknown, url: string, timeoutMs: number): ApiFailure {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { kind: 'timeout', message: `The platform did not answer within ${timeoutMs / 1000} s` };
  }
  return { kind: 'network', message: `Cannot reach the platform at ${URL.canParse(url) ? new URL(url).origin : url}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The longest wait a Retry-After is taken for. A platform may ask for more (or a broken proxy send hundreds of digits);
 * the outbox still comes back within the hour, so a queued event never waits on one answer for longer.
 */
export const MAX_RETRY_AFTER_SECONDS = 60 * 60;

/** delay-seconds: digits only (RFC 9110 §10.2.3). */
const DELAY_SECONDS = /^\d+$/;
/** An HTTP date as RFC 9110 §5.6.7 says senders write it (IMF-fixdate); anything else Date.parse might read is not one. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Retry-After in seconds, at most an hour; undefined when absent or malformed (the outbox's own backoff applies). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  // Compared as text, so a value too long for a number is an hour, never Infinity.
  if (DELAY_SECONDS.test(text))
    return text.replace(/^0+(?=\d)/, '').length > 4
      ? MAX_RETRY_AFTER_SECONDS
      : Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  if (!IMF_FIXDATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date)
    ? undefined
    : Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil((date - now) / 1000)));
}
