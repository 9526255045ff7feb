import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postbackRequest } from '../../../server/destinations';
import { startFakeKeitaro } from '../../support/fake-trackers';
import type { FakeKeitaro } from '../../support/fake-trackers';
import { depositFacts, destinationAt } from '../../support/postback-events';
import { startWithDestination } from './with-destination';

/** The faults a delivery queue must survive, as a real HTTP client meets them. */

describe('injected faults', () => {
  let keitaro: FakeKeitaro;
  let postbackUrl: string;
  beforeEach(async () => {
    keitaro = await startFakeKeitaro();
    postbackUrl = postbackRequest(destinationAt('keitaro', keitaro.postbackUrl), depositFacts()).url;
  });
  afterEach(async () => {
    await keitaro.close();
  });

  it('a 5xx is answered without counting, and the next attempt counts', async () => {
    keitaro.failNext(503);
    expect((await fetch(postbackUrl)).status).toBe(503);
    expect(keitaro.conversions).toHaveLength(0);
    expect((await fetch(postbackUrl)).status).toBe(200);
    expect(keitaro.conversions).toHaveLength(1);
  });

  it('a 429 says when to come back, for as many requests as asked', async () => {
    keitaro.failNext(429, { retryAfterSeconds: 7, times: 2 });
    for (const attempt of [1, 2]) {
      const response = await fetch(postbackUrl);
      expect([attempt, response.status, response.headers.get('retry-after')]).toEqual([attempt, 429, '7']);
    }
    expect((await fetch(postbackUrl)).status).toBe(200);
    expect(keitaro.conversions).toHaveLength(1);
  });

  it('a held request never gets an answer: the client times out and nothing is counted', async () => {
    keitaro.holdNext();
    await expect(fetch(postbackUrl, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|aborted/i);
    expect(keitaro.requests).toHaveLength(1);
    expect(keitaro.conversions).toHaveLength(0);
  });

  it('a reset after counting looks like a failure to the client, yet the tracker counted it; the retry is not counted again', async () => {
    keitaro.resetAfterCountingNext();
    await expect(fetch(postbackUrl)).rejects.toThrow();
    expect(keitaro.conversions).toHaveLength(1);
    const retry = await fetch(postbackUrl);
    expect(retry.status).toBe(200);
    expect(await retry.text()).toMatch(/already exists/);
    expect(keitaro.conversions).toHaveLength(1);
  });

  it('closes with a request still held', async () => {
    keitaro.holdNext();
    const held = fetch(postbackUrl).catch((error: unknown) => error);
    await expect.poll(() => keitaro.requests.length).toBe(1);
    await keitaro.close();
    expect(await held).toBeInstanceOf(Error);
    keitaro = await startFakeKeitaro();
  });
});

describe.each([
  ['keitaro', 1],
  ['voluum', 1],
  ['redtrack', 1],
  ['chatterfy', 1],
  ['binom', 2],
  ['webhook', 2],
] as const)('fake %s under faults', (kind, countedAfterResetAndRetry) => {
  it('answers an injected 429 with Retry-After, then counts the retry', async () => {
    const { tracker, post } = await startWithDestination(kind);
    tracker.failNext(429, { retryAfterSeconds: 3 });
    const refused = await post(depositFacts());
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await post(depositFacts())).ok).toBe(true);
    expect(tracker.conversions).toHaveLength(1);
  });

  it(`counts a postback whose answer was lost, and its retry ${countedAfterResetAndRetry === 1 ? 'not again' : 'again: only sending once prevents a double'}`, async () => {
    const { tracker, post } = await startWithDestination(kind);
    tracker.resetAfterCountingNext();
    await expect(post(depositFacts())).rejects.toThrow();
    expect((await post(depositFacts())).ok).toBe(true);
    expect(tracker.countedFor('c1ick-42')).toHaveLength(countedAfterResetAndRetry);
  });
});
