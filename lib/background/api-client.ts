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
      return response.ok ? readSuccess(response.status, text, spec.schema) : { ok: false, failure: readHttpError(response, text) };
    } catch (error) {
      return { ok: false, failure: transportFailure(error, url, timeoutMs) };
    }
  }

  return {
    login: (credentials) => call({ method: 'POST', path: '/auth/login', body: credentials, schema: sessionSchema }),
    refresh: (refreshToken) => call({ method: 'POST', path: '/auth/refresh', body: { refreshToken }, schema: sessionSchema }),
    logout: (refreshToken, accessToken) => call<null>({ method: 'POST', path: '/auth/logout', body: { refreshToken }, accessToken }),
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
      return result.ok ? { ...result, data: result.data.event } : result;
    },
    failedDeliveries: async (accessToken) => {
      const result = await call({ method: 'GET', path: '/events?delivery=failed', accessToken, schema: failedDeliveriesResponseSchema });
      return result.ok ? { ...result, data: result.data.events } : result;
    },
    getTeamSettings: (accessToken) => call({ method: 'GET', path: '/team-settings', accessToken, schema: teamSettingsSchema }),
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
  return { ok: false, failure: { kind: 'malformed', status, message: `The platform's answer (${status}) is not what the contract says` } };
}

function readHttpError(response: Response, text: string): ApiFailure {
  const body = errorBodySchema.safeParse(parseJson(text));
  const error = body.success
    ? body.data.error
    : { code: `http_${response.status}`, message: `The platform answered ${response.status} ${response.statusText}`.trim() };
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  return { kind: 'http', status: response.status, error, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
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

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
