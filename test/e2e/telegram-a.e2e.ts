import type { Page } from '@playwright/test';
import { serveChatSite, type ServedSite } from './support/chat-sites';
import { expect, test } from './support/fixtures';
import { openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

/**
 * Telegram Web A at its real URL, under a Content-Security-Policy as strict as telegram-tt's own (the meta tag of its
 * index.html: scripts only from its origin, inline styles allowed).
 */
const TELEGRAM_A: ServedSite = {
  baseUrl: 'https://web.telegram.org/a/',
  dir: 'test/fixtures/telegram-a/app',
  headers: {
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
      "object-src 'none'; base-uri 'none'; form-action 'none'",
  },
};

/** Clicks a chat in telegram-tt's chat list and waits for the header's active slide to name it. */
async function openChat(page: Page, name: string): Promise<void> {
  await page.locator('.chat-list').getByText(name, { exact: true }).click();
  await expect(
    page.locator('#MiddleColumn .MiddleHeader > .Transition > .Transition_slide-active .fullName'),
  ).toHaveText(name);
}

test('a manager logs a deposit for Anna and a redeposit for Boris on Telegram Web A, each stored once on its own contact', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await serveChatSite(extension.context, TELEGRAM_A);
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);

  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_A.baseUrl);
  await openChat(page, 'Anna Petrova');
  await expect(
    page.locator('#MiddleColumn .MiddleHeader .header-tools').getByRole('button', { name: 'Tracker Data' }),
  ).toBeVisible();
  await openPanel(page);

  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('Anna Petrova')).toBeVisible();
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Sent');

  await openChat(page, 'Boris Ivanov');
  await expect(page).toHaveURL(`${TELEGRAM_A.baseUrl}#777002`);
  await expect(panel.getByText('Boris Ivanov')).toBeVisible();
  await expect(panel.getByText('clk_b0r15')).toBeVisible();
  await sendEvent(page, { type: 'Redeposit', amount: '20', currency: 'EUR' });

  const manualEvents = () => sandbox.storedEvents().filter((event) => event.source === 'manual');
  await expect.poll(() => manualEvents().length).toBe(2);
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(manualEvents()).toEqual([
    expect.objectContaining({
      type: 'deposit',
      amount: '150',
      currency: 'USD',
      contact: expect.objectContaining({ channel: 'telegram', externalId: '777001' }),
    }),
    expect.objectContaining({
      type: 'redeposit',
      amount: '20',
      currency: 'EUR',
      contact: expect.objectContaining({ channel: 'telegram', externalId: '777002' }),
    }),
  ]);

  // Keys typed in the panel stay in the panel: telegram-tt's message box and shortcuts never saw them.
  expect(await page.evaluate(() => [document.body.dataset.keys ?? '', document.body.dataset.globalKeys ?? ''])).toEqual(
    ['', ''],
  );
});
