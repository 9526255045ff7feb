import type { DestinationKind, StatusMap } from '../../../../lib/schemas/destination';

/**
 * Each preset's default status map (server.md, "Destination kinds"), proposed when an admin picks a kind. The same
 * values as `presets[kind].defaultStatusMap` in server/destinations/presets; read from there once the console and the
 * presets share a branch.
 */
export const DEFAULT_STATUS_MAPS: Readonly<Record<DestinationKind, StatusMap>> = {
  keitaro: { registration: 'lead', deposit: 'sale', redeposit: 'rebill' },
  binom: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  voluum: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  redtrack: { registration: 'Registration', deposit: 'Deposit', redeposit: 'Redeposit' },
  chatterfy: { registration: 'registration', deposit: 'sale', redeposit: 'resale' },
  webhook: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
};
