import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { stopServiceWorkers, type LoadedExtension } from './support/extension';
import { expect, test } from './support/fixtures';
import { openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

const APP_DIR = resolve('test/fixtures/chatwoot/app');
const CLOUD = 'https://app.chatwoot.com';
const SELF_HOSTED = 'chat.example-agency.com';

/**
 * Serves the Chatwoot fixture app on a host as the dashboard is served: its built assets under /vite/assets/, and the
 * same single-page app for every other path (vue-router reads the path). Nothing leaves the machine.
 */
async function serveChatwoot(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const asset = /^\/vite\/assets\/(app\.(?:js|css))$/.exec(pathname)?.[1];
    const file = normalize(join(APP_DIR, asset ?? 'index.html'));
    const type = asset?.endsWith('.js') ? 'text/javascript' : asset ? 'text/css' : 'text/html';
    // No Content-Security-Policy: Chatwoot sends none (chatwoot/chatwoot: config/initializers/content_security_policy.rb sets no directive, issue #404 still open).
    await route.fulfill({
      status: 200,
      body: await readFile(file),
      headers: { 'content-type': `${type}; charset=utf-8` },
    });
  });
}

/** Clicks a conversation in the list, as the manager switches leads, and waits for the header to name it. */
async function openConversation(page: Page, name: string): Promise<void> {
  await page.locator('.conversations-list').getByText(name, { exact: true }).click();
  await expect(
    page.locator('.conversation-details-wrap .conversation--header--actions').locator('xpath=preceding-sibling::*[1]'),
  ).toHaveText(name);
}

/**
 * What a manager can also do in Chrome's own settings for the extension ("Site access": add a site): grant a host.
 * Headless Chromium cannot show the permission prompt that `permissions.request` opens, so the host is granted here
 * first, through chrome://extensions' own API; the options page's request in the click then resolves at once, as Chrome
 * does for a host the extension already holds. Everything after the prompt runs as it does for a manager.
 */
async function grantHostInBrowserSettings(extension: LoadedExtension, host: string): Promise<void> {
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
    { id: extension.extensionId, pattern: `https://${host}/*` },
  );
  await settings.close();
}

const manualEvents = (sandbox: { storedEvents(): { source?: string }[] }) =>
  sandbox.storedEvents().filter((event) => event.source === 'manual');

test('on Chatwoot Cloud a manager logs a deposit for a Telegram-inbox lead and a registration for a website visitor, each on its own contact', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await serveChatwoot(extension.context, CLOUD);
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);

  const page = await extension.context.newPage();
  await page.goto(`${CLOUD}/app/accounts/1/dashboard`);
  await openConversation(page, 'Anna Petrova');
  await expect(page).toHaveURL(`${CLOUD}/app/accounts/1/conversations/7`);
  await expect(page.locator('.header-actions-wrap').getByRole('button', { name: 'Tracker Data' })).toBeVisible();
  await openPanel(page);

  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('Anna Petrova')).toBeVisible();
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
  await expect(panel.getByRole('status')).toContainText('Sent');

  await openConversation(page, 'Maria Lopez');
  await expect(page).toHaveURL(`${CLOUD}/app/accounts/1/conversations/9`);
  await expect(panel.getByText('Maria Lopez')).toBeVisible();
  await expect(panel.getByText('Not known to the platform yet')).toBeVisible();
  await sendEvent(page, { type: 'Registration' });

  await expect.poll(() => manualEvents(sandbox).length).toBe(2);
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(manualEvents(sandbox)).toEqual([
    expect.objectContaining({
      type: 'deposit',
      amount: '150',
      currency: 'USD',
      contact: expect.objectContaining({ channel: 'telegram', externalId: '777001' }),
    }),
    expect.objectContaining({
      type: 'registration',
      contact: expect.objectContaining({ channel: 'web', externalId: '103', displayName: 'Maria Lopez' }),
    }),
  ]);
  // Keys typed in the panel stay in the panel: the dashboard's shortcuts and reply box never saw them.
  expect(await page.evaluate(() => document.body.dataset.globalKeys ?? '')).toBe('');
});

test('a self-hosted Chatwoot added on the options page gets Tracker Data after a reload, across worker restarts, until it is removed', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  const origin = `https://${SELF_HOSTED}`;
  await serveChatwoot(extension.context, origin);
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);

  const page = await extension.context.newPage();
  await page.goto(`${origin}/app/accounts/1/conversations/8`);
  await expect(page.locator('.conversation-details-wrap .conversation--header--actions')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toHaveCount(0);

  await grantHostInBrowserSettings(extension, SELF_HOSTED);
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await options.getByRole('textbox', { name: 'Chatwoot domain' }).fill(`${origin}/app/accounts/1/dashboard`);
  await options.getByRole('button', { name: 'Add domain' }).click();
  await expect(options.getByRole('list', { name: 'Chatwoot domains' }).getByRole('listitem')).toHaveText(
    `${SELF_HOSTED}Remove`,
  );
  await expect(
    options.getByText(`${SELF_HOSTED} added. Reload its open tabs to use Tracker Data there.`),
  ).toBeVisible();

  await page.reload();
  await expect(page.locator('.header-actions-wrap').getByRole('button', { name: 'Tracker Data' })).toBeVisible();
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('Boris Ivanov')).toBeVisible();
  await expect(panel.getByText('clk_b0r15')).toBeVisible();
  // The panel's stylesheet reached the page: the self-hosted host is not in the manifest, only registered.
  expect(await panel.evaluate((element) => getComputedStyle(element).position)).toBe('fixed');
  await sendEvent(page, { type: 'Redeposit', amount: '20', currency: 'EUR' });
  await expect(panel.getByRole('status')).toContainText('Sent');
  expect(manualEvents(sandbox)).toEqual([
    expect.objectContaining({
      type: 'redeposit',
      amount: '20',
      currency: 'EUR',
      contact: expect.objectContaining({ channel: 'telegram', externalId: '777002' }),
    }),
  ]);

  // The registration lives in the browser, not in the stopped worker.
  await stopServiceWorkers(extension.context);
  await page.reload();
  await expect(page.locator('.header-actions-wrap').getByRole('button', { name: 'Tracker Data' })).toBeVisible();

  await options.getByRole('list', { name: 'Chatwoot domains' }).getByRole('button', { name: 'Remove' }).click();
  await expect(options.getByText('No self-hosted Chatwoot added.')).toBeVisible();
  await page.reload();
  await expect(page.locator('.conversation-details-wrap .conversation--header--actions')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tracker Data' })).toHaveCount(0);
});
