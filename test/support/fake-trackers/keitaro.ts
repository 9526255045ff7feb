import { conversionFromQuery, param, startFakeTracker } from './fake-tracker';
import type { FakeTracker } from './fake-tracker';

/**
 * Keitaro (https://docs.keitaro.io/en/conversions/postback.html): `/<postback key>/postback?subid=&status=&payout=&
 * currency=&tid=`; a (subid, tid) pair is one conversion, so a repeat is answered 200 and not counted again. Keitaro
 * documents the `return` parameter as its success text; the text of a repeat's answer is not documented, so the
 * one here only needs to say so in Keitaro's style.
 */
export interface FakeKeitaro extends FakeTracker {
  /** What an admin pastes as the destination's url. */
  readonly postbackUrl: string;
  readonly postbackKey: string;
}

export const KEITARO_NO_SUBID = 'Incorrect subid "". Postback ignored.';

export async function startFakeKeitaro(postbackKey = 'a7f3c91e'): Promise<FakeKeitaro> {
  const tracker = await startFakeTracker({
    accepts: (path) => path === `/${postbackKey}/postback`,
    read: (request) =>
      conversionFromQuery(
        request,
        { clickId: 'subid', status: 'status', amount: 'payout', currency: 'currency', eventId: 'tid' },
        { status: 200, body: KEITARO_NO_SUBID },
      ),
    dedupKey: (conversion) => `${conversion.clickId} ${conversion.eventId ?? ''}`,
    answer: (counted, conversion) => ({
      status: 200,
      body: counted
        ? (param(conversion.request, 'return') ?? 'Success')
        : `Conversion already exists: subid ${conversion.clickId}, tid ${conversion.eventId ?? ''}`,
    }),
  });
  return { ...tracker, postbackKey, postbackUrl: `${tracker.origin}/${postbackKey}/postback` };
}
