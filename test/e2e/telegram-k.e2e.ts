import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

test('a manager signs in, logs a 150 USD deposit for the open Telegram K chat, and the platform stores it once', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);

  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);

  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('Anna Petrova')).toBeVisible();
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  await expect(panel.getByText('spring_promo')).toBeVisible();

  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Sent');

  const deposits = sandbox.storedEvents().filter((event) => event.source === 'manual');
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({
    type: 'deposit',
    amount: '150',
    currency: 'USD',
    contact: { channel: 'telegram', externalId: '777001' },
  });
  expect(sandbox.stats()['POST /api/v1/events']?.requests).toBe(1);

  // Keys typed in the panel stay in the panel: Telegram's message box and shortcuts never saw them.
  expect(await page.evaluate(() => [document.body.dataset.keys ?? '', document.body.dataset.globalKeys ?? ''])).toEqual(['', '']);
});
