import type { Page } from '@playwright/test';
import { serveChatSite } from './support/chat-sites';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, setApiUrl, signIn } from './support/manager';

/**
 * The panel lives in an open shadow root, so a script of a compromised chat page (or another extension's content
 * script) can reach into it. Whatever it clicks, types, writes or submits there is not the manager's doing, and what
 * is saved is only ever what the manager saw and confirmed. Each test first shows the manager's own hand works.
 */

const WHATSAPP = { baseUrl: 'https://web.whatsapp.com/', dir: 'test/fixtures/whatsapp/app' };

/** The page's own code that finds the panel's elements through the open shadow roots, as an attacking script would. */
const FIND_IN_PANEL = `
  window.__panel = (selector, text) =>
    [...document.querySelectorAll('*')]
      .flatMap((element) => (element.shadowRoot ? [...element.shadowRoot.querySelectorAll(selector)] : []))
      .find((element) => text === undefined || element.textContent === text || element.getAttribute('value') === text);
  window.__write = (field, value) => {
    const prototype = field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value').set.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  };
`;

async function openTelegramPanel(page: Page): Promise<void> {
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' }).getByText('clk_7f3a9c')).toBeVisible();
  await page.evaluate(FIND_IN_PANEL);
}

/** The manager's own hand: Send event, Deposit, 150 in Amount. */
async function startDeposit(page: Page): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await panel.getByRole('button', { name: 'Send event' }).click();
  await panel
    .getByRole('radiogroup', { name: 'Event type' })
    .getByRole('radio', { name: 'Deposit', exact: true })
    .check();
  await panel.getByRole('textbox', { name: 'Amount' }).pressSequentially('150');
  await expect(panel.getByText('Deposit $150.00 for Anna Petrova')).toBeVisible();
}

/** On the manager's pointerdown the page writes `value` into the panel's field; `window.__stop()` takes the script away. */
async function writeOnPointerdown(page: Page, selector: string, value: string): Promise<void> {
  await page.evaluate(
    ([target, written]) => {
      const { __panel: find, __write: write } = window as unknown as {
        __panel: (selector: string) => HTMLElement | undefined;
        __write: (field: HTMLElement, value: string) => void;
      };
      const attack = () => {
        const field = find(target);
        if (field) write(field, written);
      };
      window.addEventListener('pointerdown', attack, { capture: true });
      (window as unknown as { __stop: () => void }).__stop = () =>
        window.removeEventListener('pointerdown', attack, { capture: true });
    },
    [selector, value] as const,
  );
}

type StoredEvent = { source: string; type: string; amount?: string; currency?: string };

function manualEvents(storedEvents: StoredEvent[]) {
  return storedEvents
    .filter((event) => event.source === 'manual')
    .map(({ type, amount, currency }) => ({ type, amount, currency }));
}

/**
 * Save while the page script runs: nothing is stored, the panel says why and `stillShows` what the manager entered.
 * Save again once the script is gone: exactly that deposit is stored.
 */
async function savedOnlyWithoutTheScript(
  page: Page,
  storedEvents: () => StoredEvent[],
  stillShows: () => Promise<void>,
): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('alert')).toBeVisible();
  await stillShows();
  await page.waitForTimeout(1_500);
  expect(manualEvents(storedEvents())).toEqual([]);

  await page.evaluate(() => (window as unknown as { __stop: () => void }).__stop());
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(manualEvents(storedEvents())).toEqual([{ type: 'deposit', amount: '150', currency: 'USD' }]);
}

test('a page script cannot drive the panel to send an event; the manager’s own click opens the form', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await openTelegramPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  // The manager's click opens the form and Cancel closes it: the same buttons the script presses below do work.
  await panel.getByRole('button', { name: 'Send event' }).click();
  await expect(panel.getByRole('radiogroup', { name: 'Event type' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('radiogroup', { name: 'Event type' })).toHaveCount(0);

  await page.evaluate(async () => {
    const panelElement = (
      window as unknown as { __panel: (selector: string, text?: string) => HTMLElement | undefined }
    ).__panel;
    panelElement('button', 'Send event')?.click();
  });
  await page.waitForTimeout(500);
  await expect(panel.getByRole('radiogroup', { name: 'Event type' })).toHaveCount(0);

  // With the form open by the manager, the script's own clicks, keys and submits still do nothing.
  await panel.getByRole('button', { name: 'Send event' }).click();
  const proposed = await panel.getByRole('radio', { checked: true }).getAttribute('value');
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
    const { __panel: find, __write: write } = window as unknown as {
      __panel: (selector: string, text?: string) => HTMLElement | undefined;
      __write: (field: HTMLElement, value: string) => void;
    };
    find('input[type=radio]', 'deposit')?.click();
    await pause();
    const amount = find('input[inputmode=decimal]');
    if (amount) write(amount, '999999');
    await pause();
    find('button', 'Save')?.click();
    find('button', 'Save')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    (find('form') as HTMLFormElement | undefined)?.requestSubmit();
  });
  await page.waitForTimeout(2_000);

  await expect(panel.getByRole('radio', { checked: true })).toHaveAttribute('value', proposed ?? '');
  expect(manualEvents(sandboxHost.sandbox.storedEvents())).toEqual([]);
});

test('a page script that writes into Amount as the manager presses Save changes nothing that is saved', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await openTelegramPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const amount = panel.getByRole('textbox', { name: 'Amount' });
  await startDeposit(page);

  // As the finding has it: on the manager's pointerdown, the native value setter and an `input` event.
  await writeOnPointerdown(page, 'input[inputmode=decimal]', '150000');
  await panel.getByRole('button', { name: 'Save' }).click();
  await page.waitForTimeout(1_500);
  expect(manualEvents(sandboxHost.sandbox.storedEvents())).toEqual([]);
  await expect(panel.getByRole('alert')).toHaveText(
    'Something other than you changed this form. Check what it shows and press the button again.',
  );
  await expect(amount).toHaveValue('150');
  await expect(panel.getByText('Deposit $150.00 for Anna Petrova')).toBeVisible();

  // The same with `document.execCommand('insertText')`, whose `input` event is trusted.
  await page.evaluate(() => {
    (window as unknown as { __stop: () => void }).__stop();
    const find = (window as unknown as { __panel: (selector: string) => HTMLInputElement | undefined }).__panel;
    const attack = () => {
      const field = find('input[inputmode=decimal]');
      field?.focus();
      field?.select();
      document.execCommand('insertText', false, '150000');
    };
    window.addEventListener('pointerdown', attack, { capture: true });
    (window as unknown as { __stop: () => void }).__stop = () =>
      window.removeEventListener('pointerdown', attack, { capture: true });
  });
  await savedOnlyWithoutTheScript(
    page,
    () => sandboxHost.sandbox.storedEvents(),
    () => expect(amount).toHaveValue('150'),
  );
});

test('a page script that cancels the manager’s keystroke and types its own amount instead changes nothing that is saved', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await openTelegramPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const amount = panel.getByRole('textbox', { name: 'Amount' });
  await startDeposit(page);

  // The manager's own keystroke announces itself with a trusted beforeinput; the page cancels it there and runs
  // execCommand, whose input comes right after that announcement.
  await page.evaluate(() => {
    const find = (window as unknown as { __panel: (selector: string) => HTMLInputElement | undefined }).__panel;
    const attack = (event: Event) => {
      const field = find('input[inputmode=decimal]');
      if (!field || field.value === '150000') return;
      event.preventDefault();
      field.select();
      document.execCommand('insertText', false, '150000');
    };
    window.addEventListener('beforeinput', attack);
    (window as unknown as { __stop: () => void }).__stop = () => window.removeEventListener('beforeinput', attack);
  });
  await amount.press('End');
  await amount.press('0');
  await expect(panel.getByText('Deposit $150.00 for Anna Petrova')).toBeVisible();
  await savedOnlyWithoutTheScript(
    page,
    () => sandboxHost.sandbox.storedEvents(),
    () => expect(amount).toHaveValue('150'),
  );
});

test('a page script that picks another currency as the manager presses Save changes nothing that is saved', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await openTelegramPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await startDeposit(page);
  await expect(panel.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD');

  await writeOnPointerdown(page, 'select', 'EUR');
  await savedOnlyWithoutTheScript(
    page,
    () => sandboxHost.sandbox.storedEvents(),
    () => expect(panel.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD'),
  );
});

test('a page script cannot name the lead of a chat: requestSubmit on the identify form does nothing', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  await serveChatSite(extension.context, WHATSAPP);
  const page = await extension.context.newPage();
  await page.goto(WHATSAPP.baseUrl);
  await page.locator('#pane-side [role="row"]').filter({ hasText: 'Leads Group' }).click();
  await openPanel(page);
  await page.evaluate(FIND_IN_PANEL);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  const leadId = panel.getByRole('textbox', { name: 'Lead’s phone number or id' });
  await expect(leadId).toBeVisible();

  await page.evaluate(async () => {
    const { __panel: find, __write: write } = window as unknown as {
      __panel: (selector: string) => HTMLElement | undefined;
      __write: (field: HTMLElement, value: string) => void;
    };
    const field = find('input[autocomplete=off]');
    if (field) write(field, '+7 999 000-00-66');
    (find('form') as HTMLFormElement | undefined)?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 300));
    (find('form') as HTMLFormElement | undefined)?.requestSubmit();
  });
  await page.waitForTimeout(1_500);
  await expect(leadId).toBeVisible();
  await expect(panel.getByText('79990000066')).toHaveCount(0);

  // A value written into the field, then the manager's click: the click acts on nothing it did not see typed.
  await leadId.fill('+7 999 000-00-09');
  await page.evaluate(() => {
    const find = (window as unknown as { __panel: (selector: string) => HTMLInputElement | undefined }).__panel;
    const field = find('input[autocomplete=off]');
    if (field)
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(field, '+7 999 000-00-66');
  });
  await panel.getByRole('button', { name: 'Use this id' }).click();
  await expect(
    panel.getByText('Something other than you changed this form. Check what it shows and press the button again.'),
  ).toBeVisible();
  await expect(leadId).toHaveValue('+7 999 000-00-09');

  await panel.getByRole('button', { name: 'Use this id' }).click();
  await expect(panel.getByText('79990000009')).toBeVisible();
  await expect(panel.getByText('79990000066')).toHaveCount(0);
});
