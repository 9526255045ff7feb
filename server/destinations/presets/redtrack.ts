import { DEFAULT_STATUS_MAPS } from '../../../lib/schemas/default-status-maps';
import { noSecretPathSegments } from './preset';
import type { Preset } from './preset';

/**
 * RedTrack's postback: `https://<tracking domain>/postback?clickid=…&sum=…` with `type`, a conversion type exactly as
 * named under Tools → Conversion tracking → Conversion type (case-sensitive). RedTrack deduplicates by
 * `rdtk_event_id` when a conversion type's duplicate mode is "Ignore duplicate postbacks by event id": the event id
 * goes there.
 * https://redtrack.zendesk.com/hc/en-us/articles/207082019-Step-2-Adding-Affiliate-Networks (clickid, sum)
 * https://help.redtrack.io/knowledgebase/kb/conversion-tracking/tracking-event-types/ (type, rdtk_event_id)
 */
export const redtrackPreset: Preset = {
  kind: 'redtrack',
  defaultStatusMap: DEFAULT_STATUS_MAPS.redtrack,
  query: [
    { name: 'clickid', value: '{click_id}' },
    { name: 'sum', value: '{amount}' },
    { name: 'type', value: '{status}' },
    { name: 'rdtk_event_id', value: '{event_id}' },
  ],
  documentation: [
    'https://redtrack.zendesk.com/hc/en-us/articles/207082019-Step-2-Adding-Affiliate-Networks',
    'https://help.redtrack.io/knowledgebase/kb/conversion-tracking/tracking-event-types/',
  ],
  secretPathSegments: noSecretPathSegments,
};
