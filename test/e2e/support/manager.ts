import { expect, type Locator, type Page } from '@playwright/test';
import type { LoadedExtension } from './extension';

/** What a manager does with the extension's own pages and the panel, by role and accessible name. */

export async function setApiUrl(extension: LoadedExtension, apiUrl: string): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await page.getByRole('textbox', { name: 'API URL' }).fill(apiUrl);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved')).toBeVisible();
  await page.close();
}

export async function signIn(
  extension: LoadedExtension,
  email = 'demo@tracker.test',
  password = 'demo-password',
): Promise<void> {
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('textbox', { name: 'Email' }).fill(email);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await popup.close();
}

export interface EventToSend {
  type: 'Registration' | 'Deposit' | 'Redeposit';
  amount?: string;
  currency?: string;
}

export async function openPanel(page: Page): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Tracker Data' }).click();
  await expect(panel).toBeVisible();
}

/**
 * Picks a currency as a manager does: in the focused Currency select, typing the start of an option picks it. The
 * space after the code tells `USD — US Dollar` from `USDC — USD Coin` (a code the Recent group holds is not in the
 * list below it, so `USD` alone can land on USDC); where an option is the bare code, the space matches nothing and
 * the select stays on it. Never `selectOption`: that sets the value from a script and dispatches untrusted events,
 * which the panel refuses as it refuses a page script's (test/e2e/security-ui.e2e.ts).
 */
export async function chooseCurrency(picker: Locator, code: string): Promise<void> {
  if ((await picker.inputValue()) === code) return;
  await picker.focus();
  await picker.page().keyboard.type(`${code} `);
  await expect(picker).toHaveValue(code);
}

/** Fills and saves the Send event form in the open panel. */
export async function sendEvent(page: Page, event: EventToSend): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await panel.getByRole('button', { name: 'Send event' }).click();
  await panel
    .getByRole('radiogroup', { name: 'Event type' })
    .getByRole('radio', { name: event.type, exact: true })
    .check();
  if (event.amount !== undefined) await panel.getByRole('textbox', { name: 'Amount' }).pressSequentially(event.amount);
  if (event.currency !== undefined)
    await chooseCurrency(panel.getByRole('combobox', { name: 'Currency' }), event.currency);
  await panel.getByRole('button', { name: 'Save' }).click();
}

/** Clicks a chat in the chat app's list, as the manager switches leads. */
export async function openChat(page: Page, name: string): Promise<void> {
  await page.locator('.chatlist').getByText(name, { exact: true }).click();
  await expect(page.locator('.chat.active .chat-info .peer-title')).toHaveText(name);
}

/**
 * Switches Telegram K to night mode or back, as its settings do (tweb's themeController marks night with a class on
 * <html>), and waits for the open panel to follow.
 */
export async function setTelegramKNight(page: Page, night: boolean): Promise<void> {
  await page.evaluate((on) => document.documentElement.classList.toggle('night', on), night);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' })).toHaveClass(
    night ? /td-theme-dark/ : /td-theme-light/,
  );
}
