import { afterEach } from 'vitest';
import type { DestinationKind } from '../../../lib/schemas/destination';
import { postbackRequest } from '../../../server/destinations';
import type { PostbackFacts } from '../../../server/destinations';
import {
  startFakeBinom,
  startFakeChatterfy,
  startFakeKeitaro,
  startFakeRedTrack,
  startFakeVoluum,
  startFakeWebhook,
} from '../../support/fake-trackers';
import type { FakeTracker } from '../../support/fake-trackers';
import { destinationAt, sendPostback } from '../../support/postback-events';

/** Starts a kind's fake tracker with a destination pointing at it; closes every one started after each test. */

interface Started {
  tracker: FakeTracker;
  url: string;
}

const START: Record<DestinationKind, () => Promise<Started>> = {
  keitaro: async () => startedAt(await startFakeKeitaro(), (tracker) => tracker.postbackUrl),
  binom: async () => startedAt(await startFakeBinom(), (tracker) => tracker.postbackUrl),
  voluum: async () => startedAt(await startFakeVoluum(), (tracker) => tracker.postbackUrl),
  redtrack: async () => startedAt(await startFakeRedTrack(), (tracker) => tracker.postbackUrl),
  chatterfy: async () => startedAt(await startFakeChatterfy(), (tracker) => tracker.postbackUrl),
  webhook: async () => startedAt(await startFakeWebhook(), (tracker) => tracker.hookUrl),
};

function startedAt<T extends FakeTracker>(tracker: T, url: (tracker: T) => string): Started {
  return { tracker, url: url(tracker) };
}

const WEBHOOK_BODY =
  '{"click_id": "{click_id}", "status": "{status}", "amount": "{amount}", "currency": "{currency_lower}", "event_id": "{event_id}"}';

const running: FakeTracker[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((tracker) => tracker.close()));
});

export function closeAfterTest(tracker: FakeTracker): void {
  running.push(tracker);
}

export async function startWithDestination(kind: DestinationKind) {
  const started = await START[kind]();
  closeAfterTest(started.tracker);
  const destination = destinationAt(
    kind,
    started.url,
    kind === 'webhook' ? { method: 'POST', body: WEBHOOK_BODY } : {},
  );
  const post = (facts: PostbackFacts) => sendPostback(postbackRequest(destination, facts));
  return { tracker: started.tracker, post };
}
