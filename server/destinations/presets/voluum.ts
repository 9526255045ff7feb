import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import { noSecretPathSegments } from './preset';
import type { Preset } from './preset';

/**
 * Voluum's S2S postback: `https://<tracking domain>/postback` with `cid` (required, the click id), `payout`, `txid`,
 * `currency` and `et`, the custom conversion event (case-sensitive, defined under Settings → Custom Conversions).
 * Voluum drops a repeated click id unless `txid` differs, and counts a (cid, txid) pair once: the event id is the txid.
 * https://doc.voluum.com/en/tracking_conversions_postback.html
 * https://doc.voluum.com/en/upselling.html
 * https://doc.voluum.com/en/tracking_offers_custom_conversions.html
 */
export const voluumPreset: Preset = {
  kind: 'voluum',
  defaultStatusMap: DEFAULT_STATUS_MAPS.voluum,
  query: [
    { name: 'cid', value: '{click_id}' },
    { name: 'payout', value: '{amount}' },
    { name: 'txid', value: '{event_id}' },
    { name: 'currency', value: '{currency}' },
    { name: 'et', value: '{status}' },
  ],
  documentation: [
    'https://doc.voluum.com/en/tracking_conversions_postback.html',
    'https://doc.voluum.com/en/upselling.html',
    'https://doc.voluum.com/en/tracking_offers_custom_conversions.html',
  ],
  secretPathSegments: noSecretPathSegments,
};
