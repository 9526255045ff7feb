import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeTitleFollowing } from '../../../components/i18n/badge-title';
import { BADGE_COLOR_FAILED, BADGE_COLOR_QUEUED, keepBadgeInStep } from '../../../lib/background/badge';
import type { BackgroundWorker } from '../../../lib/background/worker';
import { DEMO, deposit, startWorker, useTestSandbox, waitFor } from './support';

useTestSandbox();

const badgeText = () => fakeBrowser.action.getBadgeText({});
const hex = (color: string) => [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
const badgeColor = async () => (await fakeBrowser.action.getBadgeBackgroundColor({})).slice(0, 3);
const badgeSays = (text: string) => async () => (await badgeText()) === text;
const titleSays = (title: string) => async () => (await fakeBrowser.action.getTitle({})) === title;

/** The badge as the background keeps it, its title in the settings' language; the browser's own is English here. */
const keepBadge = (worker: BackgroundWorker) =>
  keepBadgeInStep(
    worker.outbox,
    badgeTitleFollowing(
      async () => (await worker.settings.get()).language,
      () => 'en-US',
    ),
  );

describe('the toolbar badge', () => {
  it('counts the events waiting while signed out, and clears once they are taken and sent', async () => {
    const worker = startWorker();
    keepBadge(worker);
    await waitFor(badgeSays(''), 2_000, 'an empty badge at start');

    await worker.outbox.enqueue(deposit());
    await worker.outbox.enqueue(deposit({ type: 'registration', amount: undefined, currency: undefined }));
    await waitFor(badgeSays('2'), 2_000, 'the badge to count 2 queued');
    expect(await badgeColor()).toEqual(hex(BADGE_COLOR_QUEUED));
    expect(await fakeBrowser.action.getTitle({})).toBe('Tracker Data — 2 queued');

    await worker.handlers['session.signIn'](DEMO, {});
    await worker.handlers['outbox.adopt']({ operatorId: null }, {});
    await waitFor(badgeSays(''), 3_000, 'the badge to clear once both are sent');
  });

  it('turns red when the platform refuses an event, and goes back once it is dismissed', async () => {
    const worker = startWorker();
    keepBadge(worker);
    await worker.handlers['session.signIn'](DEMO, {});
    // Boris Ivanov has a first deposit already: another "first" deposit is refused as deposit_exists.
    const refused = deposit({ contact: { channel: 'telegram', externalId: '777002', displayName: 'Boris Ivanov' } });
    await worker.outbox.enqueue(refused);
    const red = async () => JSON.stringify(await badgeColor()) === JSON.stringify(hex(BADGE_COLOR_FAILED));
    await waitFor(red, 3_000, 'the badge to turn red');
    expect(await badgeText()).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe('Tracker Data — 1 failed');

    await worker.outbox.dismiss(refused.id);
    await waitFor(badgeSays(''), 2_000, 'the badge to clear after Dismiss');
    expect((await worker.outbox.log()).map((record) => record.event.id)).toEqual([refused.id]);
  });

  it('is set from storage when a new worker starts', async () => {
    const first = startWorker();
    await first.outbox.enqueue(deposit());
    await first.outbox.stop();
    await fakeBrowser.action.setBadgeText({ text: '' });

    const second = startWorker();
    keepBadge(second);
    await waitFor(badgeSays('1'), 2_000, 'the restarted worker to show the queued event');
  });

  it('says what waits in the language the settings choose, and follows a change of it', async () => {
    const worker = startWorker();
    await worker.settings.save({ ...(await worker.settings.get()), language: 'ru' });
    keepBadge(worker);
    await worker.outbox.enqueue(deposit());
    await worker.outbox.enqueue(deposit({ type: 'registration', amount: undefined, currency: undefined }));
    await waitFor(titleSays('Tracker Data — 2 в очереди'), 2_000, 'the title in Russian');

    await worker.settings.save({ ...(await worker.settings.get()), language: 'en' });
    await waitFor(titleSays('Tracker Data — 2 queued'), 2_000, 'the title in English once the settings say so');
  });
});
