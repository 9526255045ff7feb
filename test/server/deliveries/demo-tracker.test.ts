import { onTestFinished, expect, it, vi } from 'vitest';
import { seedDemoData } from '../../../sandbox/demo-data';
import { seedDemoDestination, startDemoTracker } from '../../../sandbox/demo-tracker';
import { MANAGER, postEvent, signIn } from '../api/support';
import { ANNA, ANNA_CLICK_ID, deposit, startDeliveringServer } from './support';

it("shows npm start's newcomer the deposit arriving at the demo tracker, and points the destination at it again on a restart", async () => {
  const tracker = await startDemoTracker(0);
  onTestFinished(() => tracker.close());
  const server = await startDeliveringServer('sqlite', {
    seed: async (context) => {
      await seedDemoData(context);
      await seedDemoDestination(context, tracker);
    },
  });
  const manager = await signIn(server, MANAGER);
  const event = deposit(ANNA, '250', 'EUR');
  expect((await postEvent(server, manager.accessToken, event)).status).toBe(201);
  await vi.waitFor(
    async () => {
      const page = await (await fetch(tracker.url)).text();
      expect(page).toContain(ANNA_CLICK_ID);
      expect(page).toContain(event.id);
      expect(page).toMatch(/<td>sale<\/td><td>250<\/td><td>eur<\/td>/);
    },
    { timeout: 10_000, interval: 50 },
  );

  await seedDemoDestination(server.context, tracker);
  expect((await server.context.destinations.list()).map((each) => each.url)).toEqual([tracker.postbackUrl]);
});
