import { expect, test, TELEGRAM_K } from './support/fixtures';
import { screenshotPath } from './support/screenshots';
import { chooseCurrency, openChat, setApiUrl, setTelegramKNight } from './support/manager';

test('a Russian-speaking manager switches the extension to Russian and logs a deposit of 1 234,50 ₽ in Telegram K', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await setApiUrl(extension, sandboxHost.url);

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await options.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('heading', { name: 'Настройки Tracker Data' })).toBeVisible();
  await expect(options.locator('html')).toHaveAttribute('lang', 'ru');
  await options.close();

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('textbox', { name: 'Email' }).fill('demo@tracker.test');
  await popup.getByLabel('Пароль').fill('demo-password');
  await popup.getByRole('button', { name: 'Войти' }).click();
  await expect(popup.getByRole('button', { name: 'Выйти' })).toBeVisible();
  await popup.close();

  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await page.getByRole('button', { name: 'Tracker Data' }).click();
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await panel.getByRole('button', { name: 'Отправить событие' }).click();
  await panel
    .getByRole('radiogroup', { name: 'Тип события' })
    .getByRole('radio', { name: 'Депозит', exact: true })
    .check();
  await panel.getByRole('textbox', { name: 'Сумма' }).pressSequentially('1 234,50');
  await chooseCurrency(panel.getByRole('combobox', { name: 'Валюта', exact: true }), 'RUB');
  await panel.getByRole('button', { name: 'Сохранить' }).click();

  // Intl separates Russian thousands, and the ruble sign, with a no-break space.
  await expect(panel.getByRole('status')).toHaveText(/^Отправлено: Депозит 1\s234,50\s₽$/);
  expect(sandbox.storedEvents().filter((event) => event.source === 'manual')).toMatchObject([
    { type: 'deposit', amount: '1234.5', currency: 'RUB', contact: { channel: 'telegram', externalId: '777001' } },
  ]);

  await panel.getByRole('button', { name: 'Отправить событие' }).click();
  await panel.getByRole('radio', { name: 'Редепозит', exact: true }).check();
  await panel.getByRole('textbox', { name: 'Сумма' }).fill('500');
  await chooseCurrency(panel.getByRole('combobox', { name: 'Валюта', exact: true }), 'RUB');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshotPath('panel-ru.png') });
  // Telegram K's night mode: the panel follows the chat app's theme.
  await setTelegramKNight(page, true);
  await page.screenshot({ path: screenshotPath('panel-ru-dark.png') });
});
