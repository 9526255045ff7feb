import { conversionFromQuery, startFakeTracker } from './fake-tracker';
import type { FakeTracker } from './fake-tracker';

/**
 * RedTrack (https://help.redtrack.io/knowledgebase/kb/conversion-tracking/tracking-event-types/):
 * `/postback?clickid=&sum=&type=&rdtk_event_id=`, with the duplicate mode "Ignore duplicate postbacks by event id":
 * an event id is counted once; a postback without one creates a new conversion.
 */
export interface FakeRedTrack extends FakeTracker {
  readonly postbackUrl: string;
}

export async function startFakeRedTrack(): Promise<FakeRedTrack> {
  const tracker = await startFakeTracker({
    accepts: (path) => path === '/postback',
    read: (request) =>
      conversionFromQuery(
        request,
        { clickId: 'clickid', status: 'type', amount: 'sum', eventId: 'rdtk_event_id' },
        { status: 400, body: 'clickid is required' },
      ),
    dedupKey: (conversion) => conversion.eventId,
    answer: () => ({ status: 200, body: 'OK' }),
  });
  return { ...tracker, postbackUrl: `${tracker.origin}/postback` };
}
