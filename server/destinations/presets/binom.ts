import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import { noSecretPathSegments } from './preset';
import type { Preset } from './preset';

/**
 * Binom's postback: `https://<tracker>/click.php` (tracker settings → Tracking links) with `cnv_id` (the click id),
 * `payout`, `cnv_status` (any text) and `cnv_currency`. Binom takes no transaction id: a repeated postback for a
 * click adds to it when the offer allows upsells (as it must for redeposits), so only sending once prevents a double.
 * https://docs.binom.org/postback-url.php
 * https://docs.binom.org/update-conv.php (the Upsell checkbox)
 */
export const binomPreset: Preset = {
  kind: 'binom',
  defaultStatusMap: DEFAULT_STATUS_MAPS.binom,
  query: [
    { name: 'cnv_id', value: '{click_id}' },
    { name: 'payout', value: '{amount}' },
    { name: 'cnv_status', value: '{status}' },
    { name: 'cnv_currency', value: '{currency}' },
  ],
  documentation: ['https://docs.binom.org/postback-url.php', 'https://docs.binom.org/update-conv.php'],
  secretPathSegments: noSecretPathSegments,
};
