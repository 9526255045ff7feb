import type { MessageHandlers } from '../messaging/router';
import type { ApiClient } from './api-client';
import { toApiError } from './api-failure';
import type { AuthSession } from './session';

/**
 * Linking a lead to its click id: the team's first-message pattern for the panel to match on the page, and the PUT of
 * a click id the manager typed or accepted. A link is not queued like an event: the manager is looking at the panel
 * and gets the platform's answer, or the reason there is none, at once.
 */
export function trackerDataHandlers({
  session,
  api,
}: {
  session: AuthSession;
  api: ApiClient;
}): Pick<MessageHandlers, 'team.settings' | 'contact.linkClickId'> {
  return {
    // Without settings (signed out, offline, a platform older than the call) the panel simply proposes nothing.
    'team.settings': async () => {
      const result = await session.withAuth((token) => api.getTeamSettings(token));
      return result.ok ? result.data : {};
    },
    'contact.linkClickId': async ({ trackerData, ...key }) => {
      const result = await session.withAuth((token) => api.putTrackerData(key, trackerData, token));
      if (result.ok) return { status: 'linked', contact: result.data };
      const { failure } = result;
      if (failure.kind === 'signedOut' || failure.kind === 'otherOperator') return { status: 'signedOut' };
      return { status: 'error', error: toApiError(failure) };
    },
  };
}
