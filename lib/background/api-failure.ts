import type { ApiError } from '../schemas';

/** Why a call to the platform did not give a usable answer. */
export type ApiFailure =
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'http'; status: number; error: ApiError; retryAfterSeconds?: number }
  | { kind: 'malformed'; status: number; message: string };

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; failure: ApiFailure };

/** The failure in the platform's error shape, for the UI and for an outbox record's `lastError`. */
export function toApiError(failure: ApiFailure): ApiError {
  switch (failure.kind) {
    case 'http':
      return failure.error;
    case 'network':
      return { code: 'network_error', message: failure.message };
    case 'timeout':
      return { code: 'timeout', message: failure.message };
    case 'malformed':
      return { code: 'malformed_response', message: failure.message };
  }
}

/** A 5xx, 429, 408, timeout, network error or unreadable answer: the same request may succeed later. */
export function isRetryable(failure: ApiFailure): boolean {
  return failure.kind !== 'http' || failure.status >= 500 || failure.status === 429 || failure.status === 408;
}
