import { teamSettingsSchema, type TeamSettings } from '../../lib/schemas/team-settings';
import type { AuthStore } from '../auth-store';
import { jsonReply } from '../http';
import type { Route } from '../router';
import { requireOperator } from './bearer';

/** `GET /api/v1/team-settings`: what the sandbox was started with (an admin sets it on the real server). */
export function teamSettingsRoutes(auth: AuthStore, settings: TeamSettings): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/team-settings',
      handle(request) {
        requireOperator(request, auth);
        return jsonReply(200, teamSettingsSchema, settings);
      },
    },
  ];
}
