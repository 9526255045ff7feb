import type { Page } from '@playwright/test';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, setTelegramKNight } from './support/manager';

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Tracker Data' });

async function openAnnaPanel(page: Page): Promise<void> {
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
}

const background = (page: Page) => panelOf(page).evaluate((aside) => getComputedStyle(aside).backgroundColor);

test('the panel follows Telegram K’s theme: light by default, dark as soon as the manager switches to night mode', async ({
  extension,
}) => {
  const page = await extension.context.newPage();
  await openAnnaPanel(page);
  await expect(panelOf(page)).toHaveClass(/td-theme-light/);
  expect(await background(page)).toBe('rgb(255, 255, 255)');

  await setTelegramKNight(page, true);
  expect(await background(page)).toBe('rgb(31, 35, 40)');
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toHaveClass(/td-theme-dark/);

  await setTelegramKNight(page, false);
});

for (const viewport of [
  { width: 1280, height: 760 },
  { width: 800, height: 600 },
  // The browser snapped to a third of a small screen.
  { width: 480, height: 700 },
]) {
  test(`at ${viewport.width}×${viewport.height} the panel fits the window and ends above Telegram K’s message box, the form open too`, async ({
    extension,
  }) => {
    const page = await extension.context.newPage();
    await page.setViewportSize(viewport);
    await openAnnaPanel(page);
    const composer = page.locator('.chat-input');
    await expect(composer).toBeVisible();

    const check = async () => {
      const panel = await panelOf(page).boundingBox();
      const box = await composer.boundingBox();
      if (!panel || !box) throw new Error('the panel or the message box has no box');
      expect(panel.y + panel.height).toBeLessThan(box.y);
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(viewport.width);
      expect(panel.width).toBeLessThanOrEqual(Math.min(360, viewport.width - 16));
      // The manager can still reach both: the header button and the whole message box stay in the window.
      await expect(page.getByRole('button', { name: 'Tracker Data' })).toBeInViewport({ ratio: 1 });
      await expect(composer).toBeInViewport({ ratio: 1 });
    };
    await check();

    // The form makes the panel taller than the room left: it scrolls inside, its bottom stays put.
    await panelOf(page).getByRole('button', { name: 'Send event' }).click();
    await panelOf(page).getByRole('radio', { name: 'Deposit', exact: true }).check();
    await expect(panelOf(page).getByRole('combobox', { name: 'Currency' })).toBeVisible();
    await check();
    const save = panelOf(page).getByRole('button', { name: 'Save' });
    await save.scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();
    // The manager can still click into the message box below the panel.
    await page.locator('.input-message-input').click();
    await expect(page.locator('.input-message-input')).toBeFocused();
  });
}
