import type { DestinationKind, StatusMap } from './destination';

/**
 * Each kind's default status map (server.md, "Destination kinds"): what the tracker calls a registration, a deposit
 * and a redeposit out of the box. One table for the server's presets (server/destinations/presets, where each kind
 * cites its tracker's documentation) and the console, which proposes it when an admin picks a kind.
 */
export const DEFAULT_STATUS_MAPS: Readonly<Record<DestinationKind, Readonly<StatusMap>>> = {
  keitaro: { registration: 'lead', deposit: 'sale', redeposit: 'rebill' },
  binom: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  voluum: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
  redtrack: { registration: 'Registration', deposit: 'Deposit', redeposit: 'Redeposit' },
  chatterfy: { registration: 'registration', deposit: 'sale', redeposit: 'resale' },
  webhook: { registration: 'registration', deposit: 'deposit', redeposit: 'redeposit' },
};
