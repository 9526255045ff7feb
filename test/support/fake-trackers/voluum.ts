import { conversionFromQuery, startFakeTracker } from './fake-tracker';
import type { FakeTracker } from './fake-tracker';

/**
 * Voluum (https://doc.voluum.com/en/upselling.html): `/postback?cid=&payout=&txid=&currency=&et=`; "the same
 * combination of cid and txid is only counted once", and without a txid a repeated cid is discarded.
 */
export interface FakeVoluum extends FakeTracker {
  readonly postbackUrl: string;
}

export async function startFakeVoluum(): Promise<FakeVoluum> {
  const tracker = await startFakeTracker({
    accepts: (path) => path === '/postback',
    read: (request) =>
      conversionFromQuery(
        request,
        { clickId: 'cid', status: 'et', amount: 'payout', currency: 'currency', eventId: 'txid' },
        { status: 400, body: 'Missing cid' },
      ),
    dedupKey: (conversion) => `${conversion.clickId} ${conversion.eventId ?? ''}`,
    answer: () => ({ status: 200, body: '' }),
  });
  return { ...tracker, postbackUrl: `${tracker.origin}/postback` };
}
