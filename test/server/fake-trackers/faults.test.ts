import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postbackRequest } from '../../../server/destinations';
import { startFakeKeitaro } from '../../support/fake-trackers';
import type { FakeKeitaro } from '../../support/fake-trackers';
import { depositFacts, destinationAt } from '../../support/postback-events';

/** The faults a delivery queue must survive, as a real HTTP client meets them. */

let keitaro: FakeKeitaro;
let postbackUrl: string;
beforeEach(async () => {
  keitaro = await startFakeKeitaro();
  postbackUrl = postbackRequest(destinationAt('keitaro', keitaro.postbackUrl), depositFacts()).url;
});
afterEach(async () => {
  await keitaro.close();
});

describe('injected faults', () => {
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
