import { readExtensionStorage } from './support/extension';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

test('when the chat app changes its header so the button has nowhere to go, a floating button takes over', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Boris Ivanov');
  const button = page.getByRole('button', { name: 'Tracker Data' });
  await expect(button).toBeVisible();

  // A new app version drops the header's button group: the selectors no longer find a mount point.
  await page.locator('.chat.active .chat-utils').evaluate((group) => group.remove());
  await expect(page.locator('tracker-data-button')).toHaveCount(1);
  await expect(button).toBeVisible();
  expect(await page.locator('tracker-data-button').evaluate((host) => host.parentElement === document.body)).toBe(true);

  // What the popup will tell the manager about this tab.
  await expect
    .poll(async () => Object.values(await readExtensionStorage(extension.context, 'session')))
    .toContainEqual({ site: 'Telegram Web K', mount: 'floating', contact: 'read' });

  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('Boris Ivanov')).toBeVisible();
  await sendEvent(page, { type: 'Redeposit', amount: '40', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual')).toEqual([
    expect.objectContaining({
      type: 'redeposit',
      amount: '40',
      contact: expect.objectContaining({ externalId: '777002' }),
    }),
  ]);
});
