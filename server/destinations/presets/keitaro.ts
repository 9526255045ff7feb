import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import type { Preset } from './preset';

/**
 * Keitaro's incoming postback: `https://<tracker>/<postback key>/postback` (Maintenance → Postback URL) with
 * `subid` (required, the click id), `status` (lead, sale, rejected, rebill; default sale), `payout`, `currency`
 * (usd, eur, … — lower case in Keitaro's examples) and `tid`, the transaction id; a rebill is counted only when its
 * `tid` is unique, so the event id goes there and a retry of the same event is not counted twice.
 * https://docs.keitaro.io/en/conversions/postback.html
 * https://v9.help.keitaro.io/en/conversions-and-postback/postback.html
 */
export const keitaroPreset: Preset = {
  kind: 'keitaro',
  defaultStatusMap: DEFAULT_STATUS_MAPS.keitaro,
  query: [
    { name: 'subid', value: '{click_id}' },
    { name: 'status', value: '{status}' },
    { name: 'payout', value: '{amount}' },
    { name: 'currency', value: '{currency_lower}' },
    { name: 'tid', value: '{event_id}' },
  ],
  documentation: [
    'https://docs.keitaro.io/en/conversions/postback.html',
    'https://v9.help.keitaro.io/en/conversions-and-postback/postback.html',
  ],
  secretPathSegments: (segments) => {
    const postback = segments.lastIndexOf('postback');
    return postback > 0 ? [postback - 1] : [];
  },
};
