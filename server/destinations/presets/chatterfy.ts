import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import type { Preset } from './preset';

/**
 * Chatterfy's tracker postback: `https://api.chatterfy.ai/api/postbacks/<id>/tracker-postback` (Tracker →
 * Integrations, the `>` next to a postback configuration) with `tracker.event` (registration; sale for a first
 * deposit; resale, or sale with a tid, for a repeat), `clickid`, `tracker.cost`, `tracker.currency` (lower case:
 * `usd` in Chatterfy's examples) and `tracker.tid`. The `<id>` segment is the secret.
 * https://help.chatterfy.ai/tracker/funkcional-tracker/postbacks
 * (its GitBook source: github.com/pbenchik/helpcenter, tracker/funkcional-tracker/postbacks.md)
 */
export const chatterfyPreset: Preset = {
  kind: 'chatterfy',
  defaultStatusMap: DEFAULT_STATUS_MAPS.chatterfy,
  query: [
    { name: 'tracker.event', value: '{status}' },
    { name: 'clickid', value: '{click_id}' },
    { name: 'tracker.cost', value: '{amount}' },
    { name: 'tracker.currency', value: '{currency_lower}' },
    { name: 'tracker.tid', value: '{event_id}' },
  ],
  documentation: ['https://help.chatterfy.ai/tracker/funkcional-tracker/postbacks'],
  secretPathSegments: (segments) => {
    const postbacks = segments.indexOf('postbacks');
    return postbacks !== -1 && postbacks + 1 < segments.length ? [postbacks + 1] : [];
  },
};
