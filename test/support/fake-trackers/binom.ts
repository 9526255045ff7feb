import { conversionFromQuery, startFakeTracker } from './fake-tracker';
import type { FakeTracker } from './fake-tracker';

/**
 * Binom (https://docs.binom.org/postback-url.php): `/click.php?cnv_id=&payout=&cnv_status=&cnv_currency=`. Binom takes
 * no transaction id; with upsells allowed (as redeposits need) every postback adds a conversion, so a double send
 * shows as two.
 */
export interface FakeBinom extends FakeTracker {
  readonly postbackUrl: string;
}

export async function startFakeBinom(): Promise<FakeBinom> {
  const tracker = await startFakeTracker({
    accepts: (path) => path.endsWith('/click.php'),
    read: (request) =>
      conversionFromQuery(
        request,
        { clickId: 'cnv_id', status: 'cnv_status', amount: 'payout', currency: 'cnv_currency' },
        { status: 200, body: 'No clickid' },
      ),
    dedupKey: () => undefined,
    answer: () => ({ status: 200, body: 'OK' }),
  });
  return { ...tracker, postbackUrl: `${tracker.origin}/click.php` };
}
