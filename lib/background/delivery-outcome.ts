import type { ApiError, TrackerEvent } from '../schemas';
import { isRetryable, toApiError } from './api-failure';
import type { AuthResult } from './session';

/** What one attempt to post an event means for its record. */
export type DeliveryOutcome =
  | { kind: 'sent' }
  /** Refused for good (409, 422, another 4xx): the manager has to see it. */
  | { kind: 'failed'; error: ApiError }
  /** Not delivered this time; the same id goes again after a backoff, never sooner than `retryAfterMs`. */
  | { kind: 'retry'; error: ApiError; retryAfterMs?: number }
  /** Nobody who may send it is signed in, or another platform is set: it waits, untouched. */
  | { kind: 'hold' };

export function outcomeOf(result: AuthResult<TrackerEvent>): DeliveryOutcome {
  if (result.ok) return { kind: 'sent' };
  const { failure } = result;
  if (failure.kind === 'signedOut' || failure.kind === 'otherOperator') return { kind: 'hold' };
  // A 401 that survived a refresh is the platform's trouble, not the event's: try again later.
  if (isRetryable(failure) || (failure.kind === 'http' && failure.status === 401)) {
    const retryAfterMs =
      failure.kind === 'http' && failure.retryAfterSeconds !== undefined ? failure.retryAfterSeconds * 1000 : undefined;
    return { kind: 'retry', error: toApiError(failure), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { kind: 'failed', error: toApiError(failure) };
}
