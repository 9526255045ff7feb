import { conversionFromQuery, startFakeTracker } from './fake-tracker';
import type { FakeTracker } from './fake-tracker';

/**
 * Chatterfy (https://help.chatterfy.ai/tracker/funkcional-tracker/postbacks):
 * `/api/postbacks/<id>/tracker-postback?tracker.event=&clickid=&tracker.cost=&tracker.currency=&tracker.tid=`; a
 * repeat deposit is "resale, or sale with a tid", so a tracker.tid is counted once per click id. An unknown postback
 * id is not found.
 */
export interface FakeChatterfy extends FakeTracker {
  readonly postbackUrl: string;
  readonly postbackId: string;
}

export async function startFakeChatterfy(postbackId = '48d0524a-3abb-4cd5-82b8-404fa1cb4f7e'): Promise<FakeChatterfy> {
  const tracker = await startFakeTracker({
    accepts: (path) => path === `/api/postbacks/${postbackId}/tracker-postback`,
    read: (request) =>
      conversionFromQuery(
        request,
        {
          clickId: 'clickid',
          status: 'tracker.event',
          amount: 'tracker.cost',
          currency: 'tracker.currency',
          eventId: 'tracker.tid',
        },
        { status: 400, body: '{"error":"clickid is required"}' },
      ),
    dedupKey: (conversion) =>
      conversion.eventId === undefined ? undefined : `${conversion.clickId} ${conversion.eventId}`,
    answer: () => ({ status: 200, body: '{"ok":true}' }),
  });
  return { ...tracker, postbackId, postbackUrl: `${tracker.origin}/api/postbacks/${postbackId}/tracker-postback` };
}
