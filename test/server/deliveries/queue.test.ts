import { describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { startFakeBinom, startFakeKeitaro } from '../../support/fake-trackers';
import { closeAfterTest } from '../fake-trackers/with-destination';
import { ADMIN, ENGINES, MANAGER, freshStorage, postEvent, signIn } from '../api/support';
import { ANNA, addDestination, deposit, startDeliveringServer } from './support';

const WAIT = { timeout: 20_000, interval: 50 };

/** A first deposit, then redeposits: every one a new event for the trackers. */
const backlog = (count: number) => [
  deposit(ANNA, '1'),
  ...Array.from({ length: count - 1 }, (_, index) => deposit(ANNA, String(index + 2), 'USD', 'redeposit')),
];

async function postAll(server: RunningServer, events: ReturnType<typeof backlog>) {
  const manager = await signIn(server, MANAGER);
  const [firstDeposit, ...redeposits] = events;
  if (firstDeposit) expect((await postEvent(server, manager.accessToken, firstDeposit)).status).toBe(201);
  const answers = await Promise.all(redeposits.map((event) => postEvent(server, manager.accessToken, event)));
  expect(answers.map((answer) => answer.status)).toEqual(redeposits.map(() => 201));
}

describe.each(ENGINES)('the delivery queue on %s', { timeout: 60_000 }, (engine) => {
  it('redelivers a backlog after a restart with the same event ids, sending nothing twice', async () => {
    const keitaro = await startFakeKeitaro();
    const binom = await startFakeBinom();
    [keitaro, binom].forEach(closeAfterTest);
    const storage = await freshStorage(engine);
    const first = await startDeliveringServer(engine, { ...storage, deliveries: { concurrencyPerDestination: 1 } });
    const admin = await signIn(first, ADMIN);
    await addDestination(first, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    await addDestination(first, admin.accessToken, 'binom', binom.postbackUrl, { name: 'Binom' });
    const events = backlog(40);
    await postAll(first, events);
    await first.close();
    // The first process stopped with part of the backlog unsent (what it had in flight, it finished).
    expect(keitaro.conversions.length).toBeLessThan(40);

    await startDeliveringServer(engine, { ...storage });
    await vi.waitFor(() => expect([keitaro.conversions.length, binom.conversions.length]).toEqual([40, 40]), WAIT);
    expect(keitaro.conversions.map((each) => each.eventId).sort()).toEqual(events.map((event) => event.id).sort());
    // Binom has no dedup id: 40 conversions from 40 requests means no postback was sent twice.
    expect(binom.requests.length).toBe(40);
    expect(keitaro.requests.length).toBe(40);
  });

  it('takes over a delivery whose process died holding it, once the lease expires', async () => {
    const binom = await startFakeBinom();
    closeAfterTest(binom);
    const storage = await freshStorage(engine);
    const stopped = await startDeliveringServer(engine, { ...storage, deliveries: { worker: false } });
    const admin = await signIn(stopped, ADMIN);
    await addDestination(stopped, admin.accessToken, 'binom', binom.postbackUrl, { name: 'Binom' });
    await postAll(stopped, backlog(1));
    // What a process killed mid-send leaves behind: a claim with an unexpired lease.
    const leaseEnds = Date.now() + 1_000;
    await stopped.context.db
      .updateTable('deliveries')
      .set({ claimed_by: 'a-process-that-died', lease_expires_at: leaseEnds })
      .execute();
    await stopped.close();

    await startDeliveringServer(engine, { ...storage });
    await vi.waitFor(() => expect(binom.conversions.length).toBe(1), WAIT);
    expect(Date.now()).toBeGreaterThanOrEqual(leaseEnds);
    expect(binom.requests.length).toBe(1);
  });

  it.runIf(engine === 'postgres')('shares one queue between two server processes without a double send', async () => {
    const keitaro = await startFakeKeitaro();
    const binom = await startFakeBinom();
    [keitaro, binom].forEach(closeAfterTest);
    const storage = await freshStorage(engine);
    const one = await startDeliveringServer(engine, { ...storage });
    const admin = await signIn(one, ADMIN);
    await addDestination(one, admin.accessToken, 'keitaro', keitaro.postbackUrl, { name: 'Keitaro' });
    await addDestination(one, admin.accessToken, 'binom', binom.postbackUrl, { name: 'Binom' });
    const two = await startDeliveringServer(engine, { ...storage });
    const events = backlog(60);
    const manager = await signIn(one, MANAGER);
    // Both processes receive events and both send: each wakes at once for its own, and polls for the other's.
    await Promise.all(events.map((event, index) => postEvent(index % 2 === 0 ? one : two, manager.accessToken, event)));
    await vi.waitFor(() => expect([keitaro.conversions.length, binom.conversions.length]).toEqual([60, 60]), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([keitaro.requests.length, binom.requests.length]).toEqual([60, 60]);
  });
});
