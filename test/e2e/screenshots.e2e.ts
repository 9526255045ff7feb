import { expect, test, TELEGRAM_K } from './support/fixtures';
import { screenshotPath } from './support/screenshots';
import { openChat, openPanel, sendEvent, setApiUrl, setTelegramKNight, signIn } from './support/manager';

test('the panel as a manager sees it, for the README', async ({ extension, sandboxHost }) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByRole('status')).toContainText('Sent');
  await panel.getByRole('button', { name: 'Send event' }).click();
  await panel.getByRole('radio', { name: 'Redeposit' }).check();
  await panel.getByRole('textbox', { name: 'Amount' }).fill('1 234,50');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshotPath('panel.png') });
  // Telegram K's night mode: the panel follows the chat app's theme.
  await setTelegramKNight(page, true);
  await page.screenshot({ path: screenshotPath('panel-dark.png') });
});
