import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { backgroundWorker, type LoadedExtension } from './support/extension';
import { expect, test } from './support/fixtures';
import { openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

const CRM = 'crm.example.com';
const LEAD_CARD = `https://${CRM}/leads/4821`;
const TITLE = 'Lead #4821 — Olga Petrova · AcmeCRM';

/**
 * Grants a host as a manager can in Chrome's own settings for the extension ("Site access"): chrome://extensions'
 * own API pre-approves it, and a request from an extension page then resolves without a prompt (Chrome asks nothing
 * for a host it already approved). Headless Chromium cannot show the prompt, and Playwright cannot click the toolbar
 * button that grants activeTab, by which the popup reads the tab's address; a granted host gives it that address too.
 * The popup's own request in the click then resolves at once, and everything after it runs as for a manager.
 */
async function grantHostInBrowserSettings(extension: LoadedExtension, host: string): Promise<void> {
  const pattern = `https://${host}/*`;
  const settings = await extension.context.newPage();
  await settings.goto(`chrome://extensions/?id=${extension.extensionId}`);
  await settings.evaluate(
    async ({ id, pattern }) => {
      const api = (
        globalThis as unknown as {
          chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
        }
      ).chrome;
      await api.developerPrivate.addHostPermission(id, pattern);
    },
    { id: extension.extensionId, pattern },
  );
  await settings.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await settings.evaluate((pattern) => {
    const grant = document.createElement('button');
    grant.textContent = 'grant';
    grant.addEventListener('click', () => {
      const { permissions } = (
        globalThis as unknown as { chrome: { permissions: { request(p: object): Promise<boolean> } } }
      ).chrome;
      void permissions
        .request({ origins: [pattern] })
        .then((granted) => (document.body.dataset.granted = String(granted)));
    });
    document.body.append(grant);
  }, pattern);
  await settings.getByRole('button', { name: 'grant' }).click();
  await expect(settings.locator('body')).toHaveAttribute('data-granted', 'true');
  await settings.close();
}

/**
 * Opens the popup over the page, as the toolbar button does: in a window of its own that does not take the focus, so
 * the page's window stays the last focused one (Playwright cannot click the browser's toolbar).
 */
async function openPopupOver(extension: LoadedExtension, page: Page): Promise<Page> {
  await page.bringToFront();
  const opened = extension.context.waitForEvent('page', (candidate) => candidate.url().endsWith('/popup.html'));
  const worker = await backgroundWorker(extension.context);
  await worker.evaluate(async (url) => {
    const { windows } = (
      globalThis as unknown as { chrome: { windows: { create(options: object): Promise<unknown> } } }
    ).chrome;
    await windows.create({ url, type: 'popup', focused: false, width: 360, height: 600 });
  }, `chrome-extension://${extension.extensionId}/popup.html`);
  const popup = await opened;
  await popup.waitForLoadState();
  return popup;
}

test('Use on this site puts a floating Tracker Data button on a CRM page; the lead’s id typed once is remembered for the page title', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  const leadCard = await readFile('test/fixtures/any-page/crm-lead-card.html');
  await extension.context.route(`https://${CRM}/**`, (route) =>
    route.fulfill({ status: 200, body: leadCard, headers: { 'content-type': 'text/html; charset=utf-8' } }),
  );
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);

  const page = await extension.context.newPage();
  await page.goto(LEAD_CARD);
  await expect(page.getByRole('heading', { name: 'Olga Petrova' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toHaveCount(0);

  await grantHostInBrowserSettings(extension, CRM);
  const popup = await openPopupOver(extension, page);
  await expect(popup.getByText(`Adds a Tracker Data button on ${CRM}.`, { exact: false })).toBeVisible();
  await popup.getByRole('button', { name: 'Use on this site' }).click();
  await expect(popup.getByRole('status').filter({ hasText: `Tracker Data is on ${CRM} now` })).toBeVisible();
  await popup.close();

  // Injected into the open tab at once: no reload.
  const button = page.getByRole('button', { name: 'Tracker Data' });
  await expect(button).toBeVisible();
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText(TITLE)).toBeVisible();
  await panel.getByRole('textbox', { name: 'Lead’s phone number or id' }).fill('olga-4821');
  await panel.getByRole('button', { name: 'Use this id' }).click();
  await expect(panel.getByText('olga-4821')).toBeVisible();
  await sendEvent(page, { type: 'Registration' });
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(sandbox.storedEvents().filter((event) => event.source === 'manual')).toEqual([
    expect.objectContaining({
      type: 'registration',
      contact: expect.objectContaining({ channel: 'web', externalId: 'olga-4821', displayName: TITLE }),
    }),
  ]);

  // Registered for the host: after a reload the button is back and the page's lead is remembered.
  await page.reload();
  await openPanel(page);
  await expect(panel.getByText('olga-4821')).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Lead’s phone number or id' })).toHaveCount(0);
});
