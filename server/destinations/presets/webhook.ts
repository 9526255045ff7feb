import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import { noSecretPathSegments } from './preset';
import type { Preset } from './preset';

/** Any HTTP endpoint: the admin's URL template, method, headers and JSON body template; nothing added. */
export const webhookPreset: Preset = {
  kind: 'webhook',
  defaultStatusMap: DEFAULT_STATUS_MAPS.webhook,
  query: [],
  documentation: [],
  secretPathSegments: noSecretPathSegments,
};
