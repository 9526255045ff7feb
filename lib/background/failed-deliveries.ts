import type { MessageHandlers } from '../messaging/router';
import type { ApiClient } from './api-client';
import { toApiError } from './api-failure';
import type { AuthSession } from './session';

/**
 * `deliveries.failed`: asks the platform, not this browser, which events did not reach a tracker — a delivery fails on
 * the server long after the extension's POST was answered, and may belong to a chat never opened here. A platform
 * without deliveries does not know the call (404, 405): it has none to list.
 */
export function failedDeliveriesHandler(session: AuthSession, api: ApiClient): MessageHandlers['deliveries.failed'] {
  return async () => {
    const result = await session.withAuth((token) => api.failedDeliveries(token));
    if (result.ok) return { status: 'listed', events: result.data };
    const { failure } = result;
    if (failure.kind === 'signedOut' || failure.kind === 'otherOperator') return { status: 'signedOut' };
    if (failure.kind === 'http' && (failure.status === 404 || failure.status === 405))
      return { status: 'listed', events: [] };
    return { status: 'error', error: toApiError(failure) };
  };
}
