import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { backgroundWorker, EXTENSION_DIR, type LoadedExtension } from './support/extension';
import {
  expectFocused,
  expectFocusRing,
  firePanelCommand,
  hasFocus,
  tabTo,
  TOGGLE_PANEL_COMMAND,
} from './keyboard-support';

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

/**
 * From focus anywhere in the open panel: Send event (unless the form is open already), the type by arrows, the amount
 * and currency typed, Enter.
 */
async function sendEventByKeyboard(
  page: Page,
  type: (typeof EVENT_TYPES)[number],
  amount?: string,
  currency?: string,
): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const sendEvent = panel.getByRole('button', { name: 'Send event' });
  const checkedType = panel.getByRole('radio', { checked: true });
  const amountBox = panel.getByRole('textbox', { name: 'Amount' });
  if (!(await panel.getByRole('form', { name: 'Send event' }).isVisible())) {
    await expect(sendEvent).toBeVisible();
    if (!(await hasFocus(sendEvent))) await tabTo(page, sendEvent, { limit: 10 });
    await page.keyboard.press('Enter');
    // Focus goes where the manager types next: Amount for a deposit, else the event type.
    await expect.poll(async () => (await hasFocus(amountBox)) || (await hasFocus(checkedType))).toBe(true);
  }
  // The event type is the field before Amount; from the panel itself (a form kept from before) it is reached by Tab.
  if (await hasFocus(amountBox)) await page.keyboard.press('Shift+Tab');
  else if (!(await hasFocus(checkedType))) await tabTo(page, checkedType, { limit: 10 });
  await expectFocused(checkedType);
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

test('a manager signs in, opens the panel and logs a 150 EUR deposit with the keyboard alone', async ({
  extension,
  sandboxHost,
}) => {
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

  // The browser shortcut opens the panel in the tab in front with the form ready, focus in Amount (Anna registered, so
  // Deposit is proposed); pressed again it closes the panel, focus back on the button, and the form is kept.
  await page.bringToFront();
  await firePanelCommand(extension.context);
  await expect(panel).toBeVisible();
  await expectFocused(panel.getByRole('textbox', { name: 'Amount' }));
  await expect(panel.getByRole('radio', { name: 'Deposit', exact: true })).toBeChecked();
  await firePanelCommand(extension.context);
  await expect(panel).toBeHidden();
  await expectFocused(button);

  // Space works on the button as Enter does.
  await page.keyboard.press('Space');
  await expect(panel).toBeVisible();
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  await expect(panel.getByRole('form', { name: 'Send event' })).toBeVisible();

  await sendEventByKeyboard(page, 'Deposit', '150', 'EUR');
  await expect(panel.getByRole('status')).toContainText(/^(Sent|Queued)/);
  await expect(panel.getByRole('status')).toContainText(/^Sent/);

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expectFocused(button);

  const deposits = sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual');
  expect(deposits).toHaveLength(1);
  expect(deposits[0]).toMatchObject({
    type: 'deposit',
    amount: '150',
    currency: 'EUR',
    contact: { channel: 'telegram', externalId: '777001' },
  });

  // Nothing typed in the panel reached Telegram: its message box heard nothing, its shortcuts only the Tabs that
  // walked the page to the button (its Escape would have closed the chat, which is still open).
  const [keys, globalKeys] = await page.evaluate(() => [
    document.body.dataset.keys ?? '',
    document.body.dataset.globalKeys ?? '',
  ]);
  expect(keys).toBe('');
  expect(new Set(globalKeys.split(' '))).toEqual(new Set(['Tab']));
  await expect(page.locator('.chat.active .chat-info .peer-title')).toHaveText('Anna Petrova');
});

/**
 * Counts the manager's own key presses and clicks in the page, the panel's shadow roots included (the window hears
 * them first, in the capture phase, before the panel keeps them from the chat app).
 */
async function countInput(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const input = { keys: [] as string[], clicks: 0 };
    Object.assign(window, { trackerDataTestInput: input });
    window.addEventListener('keydown', (event) => event.isTrusted && input.keys.push(event.key), true);
    // A press of the mouse button, not a click event: Enter in a text field clicks Save too, and that is no click.
    window.addEventListener('pointerdown', (event) => event.isTrusted && input.clicks++, true);
  });
}

async function inputSoFar(page: Page): Promise<{ keys: string[]; clicks: number }> {
  return page.evaluate(() => {
    const input = (window as unknown as { trackerDataTestInput: { keys: string[]; clicks: number } })
      .trackerDataTestInput;
    const seen = { keys: [...input.keys], clicks: input.clicks };
    input.keys.length = 0;
    input.clicks = 0;
    return seen;
  });
}

test('a first deposit takes at most four clicks, and a repeat deposit three keys: the shortcut, the amount, Enter', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrlByKeyboard(extension, sandboxHost.url);
  await signInByKeyboard(extension);
  const page = await extension.context.newPage();
  await countInput(page);
  await page.goto(`${TELEGRAM_K.baseUrl}#@anna_leads`);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const amount = panel.getByRole('textbox', { name: 'Amount' });
  const status = panel.getByRole('status');
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toBeVisible();
  const manualEvents = () => sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual');

  // By mouse: Tracker Data, Send event (Anna registered: Deposit is proposed, focus in Amount), the amount, Save.
  await page.getByRole('button', { name: 'Tracker Data' }).click();
  await panel.getByRole('button', { name: 'Send event' }).click();
  await expect(panel.getByRole('radio', { name: 'Deposit', exact: true })).toBeChecked();
  await expectFocused(amount);
  await page.keyboard.type('150');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(status).toContainText(/^Sent: Deposit \$150\.00/);
  const byMouse = await inputSoFar(page);
  expect(byMouse.clicks).toBeLessThanOrEqual(4);
  expect(byMouse.keys).toEqual(['1', '5', '0']);
  expect(manualEvents()).toMatchObject([{ type: 'deposit', amount: '150', currency: 'USD' }]);

  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await inputSoFar(page);

  // Anna pays again: the shortcut (the one key the browser hands the extension, not the page), the amount, Enter. The
  // form opens on Redeposit, as she has a deposit, in the default currency.
  await page.bringToFront();
  await firePanelCommand(extension.context);
  await expectFocused(amount);
  await expect(panel.getByRole('radio', { name: 'Redeposit', exact: true })).toBeChecked();
  await page.keyboard.type('200');
  await page.keyboard.press('Enter');
  await expect(status).toContainText(/^Sent: Redeposit \$200\.00/);
  // Besides the shortcut, the page heard the amount and Enter, and not one click.
  expect(await inputSoFar(page)).toEqual({ keys: [...'200', 'Enter'], clicks: 0 });

  const stored = manualEvents();
  expect(stored).toHaveLength(2);
  expect(stored.filter((event) => event.type === 'redeposit')).toMatchObject([
    { amount: '200', currency: 'USD', contact: { channel: 'telegram', externalId: '777001' } },
  ]);
  // Nothing typed reached Telegram's message box.
  expect(await page.evaluate(() => document.body.dataset.keys ?? '')).toBe('');
});

test('the live region announces Failed, Queued and Sent as saved events change state', async ({
  extension,
  sandboxHost,
}) => {
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
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    commands?: Record<string, unknown>;
  };
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
    expect.objectContaining({
      name: TOGGLE_PANEL_COMMAND,
      shortcut: 'Alt+Shift+D',
      description: 'Open or close the Tracker Data panel',
    }),
  );
});
