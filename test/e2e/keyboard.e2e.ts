import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { backgroundWorker, EXTENSION_DIR, type LoadedExtension } from './support/extension';
import { expectFocused, expectFocusRing, firePanelCommand, hasFocus, tabTo, TOGGLE_PANEL_COMMAND } from './keyboard-support';

/**
 * A manager who never touches the mouse: the options page, the popup, the chat's Tracker Data button, the browser
 * shortcut and the Send event form, all by Tab, arrows, typing, Enter, Space and Escape.
 */

const EVENT_TYPES = ['Registration', 'Deposit', 'Redeposit'] as const;

async function setApiUrlByKeyboard(extension: LoadedExtension, apiUrl: string): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const field = page.getByRole('textbox', { name: 'API URL' });
  await tabTo(page, field, { limit: 10 });
  await expectFocusRing(field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(apiUrl);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Saved')).toBeVisible();
  await page.close();
}

async function signInByKeyboard(extension: LoadedExtension): Promise<void> {
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await expect(popup.getByRole('textbox', { name: 'Email' })).toBeVisible();
  await popup.keyboard.press('Tab');
  await expectFocused(popup.getByRole('textbox', { name: 'Email' }));
  await expectFocusRing(popup.getByRole('textbox', { name: 'Email' }));
  await popup.keyboard.type('demo@tracker.test');
  await popup.keyboard.press('Tab');
  await expectFocused(popup.getByLabel('Password'));
  await popup.keyboard.type('demo-password');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await popup.close();
}

/** Moves the checked event type with the arrow keys (the group wraps around) until `type` is checked. */
async function chooseTypeWithArrows(page: Page, type: (typeof EVENT_TYPES)[number]): Promise<void> {
  const radio = page.getByRole('radio', { name: type, exact: true });
  for (let presses = 0; presses < EVENT_TYPES.length && !(await radio.isChecked()); presses++) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(radio).toBeChecked();
  await expectFocused(radio);
}

/** From focus anywhere in the open panel: Send event, the type by arrows, the amount and currency typed, Enter. */
async function sendEventByKeyboard(page: Page, type: (typeof EVENT_TYPES)[number], amount?: string, currency?: string): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const sendEvent = panel.getByRole('button', { name: 'Send event' });
  await expect(sendEvent).toBeVisible();
  if (!(await hasFocus(sendEvent))) await tabTo(page, sendEvent, { limit: 10 });
  await page.keyboard.press('Enter');
  // Focus goes to the first field: the checked event type.
  await expectFocused(panel.getByRole('radio', { checked: true }));
  await chooseTypeWithArrows(page, type);
  if (amount !== undefined) {
    await page.keyboard.press('Tab');
    await expectFocused(panel.getByRole('textbox', { name: 'Amount' }));
    await page.keyboard.type(amount);
  }
  if (currency !== undefined) {
    const picker = panel.getByRole('combobox', { name: 'Currency' });
    await page.keyboard.press('Tab');
    await expectFocused(picker);
    // A closed select picks the option whose code is typed.
    await page.keyboard.type(currency);
    await expect(picker).toHaveValue(currency);
  }
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('form', { name: 'Send event' })).toBeHidden();
  await expectFocused(sendEvent);
  await expectFocusRing(sendEvent);
}

test('a manager signs in, opens the panel and logs a 150 EUR deposit with the keyboard alone', async ({ extension, sandboxHost }) => {
  await setApiUrlByKeyboard(extension, sandboxHost.url);
  await signInByKeyboard(extension);

  const page = await extension.context.newPage();
  await page.goto(`${TELEGRAM_K.baseUrl}#@anna_leads`);
  const button = page.getByRole('button', { name: 'Tracker Data' });
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(button).toBeVisible();

  // The button in the chat header is in the page's Tab order; Enter opens the panel and focus moves into it.
  await tabTo(page, button);
  await expectFocusRing(button);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expectFocused(panel);
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expectFocused(button);

  // The browser shortcut opens the panel in the tab in front, and closes it again, focus back on the button.
  await page.bringToFront();
  await firePanelCommand(extension.context);
  await expect(panel).toBeVisible();
  await expectFocused(panel);
  await firePanelCommand(extension.context);
  await expect(panel).toBeHidden();
  await expectFocused(button);

  // Space works on the button as Enter does.
  await page.keyboard.press('Space');
  await expect(panel).toBeVisible();
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();

  await sendEventByKeyboard(page, 'Deposit', '150', 'EUR');
  await expect(panel.getByRole('status')).toContainText(/^(Sent|Queued)/);
  await expect(panel.getByRole('status')).toContainText(/^Sent/);

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expectFocused(button);

  const deposits = sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual');
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({ type: 'deposit', amount: '150', currency: 'EUR', contact: { channel: 'telegram', externalId: '777001' } });

  // Nothing typed in the panel reached Telegram: its message box heard nothing, its shortcuts only the Tabs that
  // walked the page to the button (its Escape would have closed the chat, which is still open).
  const [keys, globalKeys] = await page.evaluate(() => [document.body.dataset.keys ?? '', document.body.dataset.globalKeys ?? '']);
  expect(keys).toBe('');
  expect(new Set(globalKeys.split(' '))).toEqual(new Set(['Tab']));
  await expect(page.locator('.chat.active .chat-info .peer-title')).toHaveText('Anna Petrova');
});

test('the live region announces Failed, Queued and Sent as saved events change state', async ({ extension, sandboxHost }) => {
  const { sandbox } = sandboxHost;
  await setApiUrlByKeyboard(extension, sandboxHost.url);
  await signInByKeyboard(extension);
  const page = await extension.context.newPage();
  await page.goto(`${TELEGRAM_K.baseUrl}#@anna_leads`);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toBeVisible();
  await page.bringToFront();
  await firePanelCommand(extension.context);
  await expect(panel).toBeVisible();
  const status = panel.getByRole('status');

  sandbox.faults.failNext(1, 422, { route: 'POST /api/v1/events', code: 'validation_failed' });
  await sendEventByKeyboard(page, 'Deposit', '150');
  await expect(status).toContainText(/^Failed: Deposit/);

  sandbox.faults.failNext(1, 503, { route: 'POST /api/v1/events', retryAfter: 1 });
  await sendEventByKeyboard(page, 'Registration');
  await expect(status).toContainText(/^Queued: Registration/);
  await expect(status).toContainText(/^Sent: Registration/, { timeout: 20_000 });
  expect(sandbox.storedEvents().filter((event) => event.source === 'manual')).toMatchObject([{ type: 'registration' }]);
});

test('the shortcut is Alt+Shift+D, described in the browser’s language, and bound in the browser (changeable at chrome://extensions/shortcuts)', async ({
  extension,
}) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { commands?: Record<string, unknown> };
  expect(manifest.commands).toEqual({
    [TOGGLE_PANEL_COMMAND]: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandTogglePanel__' },
  });
  // Chrome leaves a command without a key, silently, when the suggested one is its own (Alt+Shift+T focuses the
  // toolbar): only the browser's list shows whether the key was really bound, and the description it shows.
  const worker = await backgroundWorker(extension.context);
  const commands = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string; description?: string }[]> } };
    };
    return chrome.commands.getAll();
  });
  expect(commands).toContainEqual(
    expect.objectContaining({ name: TOGGLE_PANEL_COMMAND, shortcut: 'Alt+Shift+D', description: 'Open or close the Tracker Data panel' }),
  );
});
