import type { TrackerEvent } from '../../lib/schemas';
import { stopServiceWorkers } from './support/extension';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

function manualEvents(events: TrackerEvent[]) {
  return events
    .filter((event) => event.source === 'manual')
    .map(({ type, amount, currency, contact }) => ({ type, amount, currency, externalId: contact.externalId }));
}

test('with the platform failing, then down, and the service worker stopped, every saved event arrives exactly once', async ({
  extension,
  sandboxHost,
}) => {
  test.setTimeout(180_000);
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  sandboxHost.sandbox.faults.failNext(3, 503, { route: 'POST /api/v1/events' });
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Queued');

  await openChat(page, 'Boris Ivanov');
  await expect(panel.getByText('Boris Ivanov')).toBeVisible();
  await sendEvent(page, { type: 'Redeposit', amount: '75.25', currency: 'EUR' });
  await expect(panel.getByRole('status')).toContainText(/Queued|Sent/);

  await expect.poll(() => sandboxHost.sandbox.stats()['POST /api/v1/events']?.statuses['503']).toBe(3);
  await sandboxHost.stop();
  await stopServiceWorkers(extension.context);

  await openChat(page, 'Clara Smith');
  await sendEvent(page, { type: 'Registration' });
  await expect(panel.getByRole('status')).toContainText('Queued');
  await stopServiceWorkers(extension.context);

  await sandboxHost.start();
  const expected = [
    { type: 'deposit', amount: '150', currency: 'USD', externalId: '777001' },
    { type: 'redeposit', amount: '75.25', currency: 'EUR', externalId: '777002' },
    { type: 'registration', amount: undefined, currency: undefined, externalId: '777003' },
  ];
  await expect
    .poll(() => manualEvents(sandboxHost.sandbox.storedEvents()), { timeout: 120_000, intervals: [1_000] })
    .toEqual(expect.arrayContaining(expected));

  const stored = sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual');
  expect(stored).toHaveLength(3);
  expect(new Set(stored.map((event) => event.id)).size).toBe(3);
  await expect(panel.getByText('Sent').first()).toBeVisible();
});
