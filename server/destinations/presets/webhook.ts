import { noSecretPathSegments } from './preset';
import type { Preset } from './preset';

/** Any HTTP endpoint: the admin's URL template, method, headers and JSON body template; nothing added. */
export const webhookPreset: Preset = {
  kind: 'webhook',
  defaultStatusMap: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  query: [],
  documentation: [],
  secretPathSegments: noSecretPathSegments,
};
