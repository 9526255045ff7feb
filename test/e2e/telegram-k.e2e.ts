import type { Page } from '@playwright/test';
import type { LoadedExtension } from './support/extension';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

/** A new Telegram K tab on one lead's chat, with the panel open. */
async function openLeadInNewTab(extension: LoadedExtension, name: string): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, name);
  await openPanel(page);
  return page;
}

test.beforeEach(async ({ extension, sandboxHost }) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
});

test('a manager signs in, logs a 150 USD deposit for the open Telegram K chat, and the platform stores it once', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  const page = await openLeadInNewTab(extension, 'Anna Petrova');

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
  expect(await page.evaluate(() => [document.body.dataset.keys ?? '', document.body.dataset.globalKeys ?? ''])).toEqual(
    ['', ''],
  );
});

test('two Telegram K tabs keep their own contacts: events logged in turn in each land on that tab’s lead, and each panel shows only its own', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  const annaTab = await openLeadInNewTab(extension, 'Anna Petrova');
  const borisTab = await openLeadInNewTab(extension, 'Boris Ivanov');
  const annaPanel = annaTab.getByRole('complementary', { name: 'Tracker Data' });
  const borisPanel = borisTab.getByRole('complementary', { name: 'Tracker Data' });

  await annaTab.bringToFront();
  await sendEvent(annaTab, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(annaPanel.getByRole('status')).toContainText('Sent: Deposit $150.00');
  await borisTab.bringToFront();
  await sendEvent(borisTab, { type: 'Redeposit', amount: '20', currency: 'EUR' });
  await expect(borisPanel.getByRole('status')).toContainText('Sent: Redeposit €20.00');
  await annaTab.bringToFront();
  await sendEvent(annaTab, { type: 'Redeposit', amount: '30', currency: 'USD' });
  // The status still says the first Save's Sent until this one's comes.
  await expect(annaPanel.getByRole('status')).toContainText('Sent: Redeposit $30.00');

  const manual = sandbox
    .storedEvents()
    .filter((event) => event.source === 'manual')
    .map(({ type, amount, currency, contact }) => ({ type, amount, currency, externalId: contact.externalId }));
  expect(manual).toEqual([
    { type: 'deposit', amount: '150', currency: 'USD', externalId: '777001' },
    { type: 'redeposit', amount: '20', currency: 'EUR', externalId: '777002' },
    { type: 'redeposit', amount: '30', currency: 'USD', externalId: '777001' },
  ]);

  await expect(annaPanel.getByText('Anna Petrova')).toBeVisible();
  await expect(annaPanel.getByText('clk_7f3a9c')).toBeVisible();
  await expect(annaPanel.getByText('Boris Ivanov')).toHaveCount(0);
  const annaEvents = annaPanel.getByRole('list', { name: 'Events' });
  await expect(annaEvents.getByRole('listitem').first()).toContainText('Redeposit $30.00');
  await expect(annaEvents).toContainText('Deposit $150.00');
  await expect(annaEvents).not.toContainText('€20.00');

  await expect(borisPanel.getByText('Boris Ivanov')).toBeVisible();
  await expect(borisPanel.getByText('clk_b0r15')).toBeVisible();
  await expect(borisPanel.getByText('Anna Petrova')).toHaveCount(0);
  const borisEvents = borisPanel.getByRole('list', { name: 'Events' });
  await expect(borisEvents.getByRole('listitem').first()).toContainText('Redeposit €20.00');
  await expect(borisEvents).not.toContainText('$150.00');
  await expect(borisEvents).not.toContainText('$30.00');
});
