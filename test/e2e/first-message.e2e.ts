import type { Page } from '@playwright/test';
import type { SandboxHost } from './support/fixtures';
import { serveChatSite } from './support/chat-sites';
import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, setApiUrl, signIn } from './support/manager';

/** The team's pattern for leads who arrive through a prefilled `?text=ref: <click id>` link. */
const REF = 'ref[:\\s]*([A-Za-z0-9_-]{6,64})';
const PUT_TRACKER_DATA = 'PUT /api/v1/contacts/:channel/:externalId/tracker-data';
const WHATSAPP = { baseUrl: 'https://web.whatsapp.com/', dir: 'test/fixtures/whatsapp/app' };

/** The platform restarted with the team's pattern set, as an admin would have set it. */
async function withTeamPattern(sandboxHost: SandboxHost): Promise<void> {
  sandboxHost.firstMessagePattern = REF;
  await sandboxHost.stop();
  await sandboxHost.start();
}

const puts = (sandboxHost: SandboxHost) => sandboxHost.sandbox.stats()[PUT_TRACKER_DATA]?.requests ?? 0;
const trackerClickId = (page: Page) =>
  page
    .getByRole('complementary', { name: 'Tracker Data' })
    .getByRole('region', { name: 'Tracker data' })
    .locator('dd')
    .first();

test.beforeEach(async ({ extension, sandboxHost }) => {
  await withTeamPattern(sandboxHost);
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
});

test("on Telegram K, a lead's first message with a code gives the proposal, and accepting it links the lead on the platform", async ({
  extension,
  sandboxHost,
}) => {
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Clara Smith');
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  await expect(panel.getByText('No click id for this lead yet: the tracker cannot count their events.')).toBeVisible();
  await expect(panel.getByText('Link click id cl4ra2026 (from the message of 18:20)?')).toBeVisible();
  expect(puts(sandboxHost)).toBe(0);

  await panel.getByRole('button', { name: 'Link', exact: true }).click();

  await expect(trackerClickId(page)).toHaveText('cl4ra2026');
  expect(puts(sandboxHost)).toBe(1);

  // The platform keeps it: another chat and back, and the lookup brings the click id from the platform.
  await openChat(page, 'Boris Ivanov');
  await expect(trackerClickId(page)).toHaveText('clk_b0r15');
  await openChat(page, 'Clara Smith');
  await expect(trackerClickId(page)).toHaveText('cl4ra2026');
  await expect(panel.getByRole('button', { name: 'Link', exact: true })).toHaveCount(0);
});

test("on WhatsApp Web, a lead's first message with a code gives the proposal, and accepting it links the lead", async ({
  extension,
  sandboxHost,
}) => {
  await serveChatSite(extension.context, WHATSAPP);
  const page = await extension.context.newPage();
  await page.goto(WHATSAPP.baseUrl);
  await page.locator('#pane-side [role="row"]').filter({ hasText: 'Anna Petrova' }).click();
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  await expect(panel.getByText('Link click id wa5pr1ng26 (from the message of 10:31)?')).toBeVisible();
  expect(puts(sandboxHost)).toBe(0);

  await panel.getByRole('button', { name: 'Link', exact: true }).click();

  await expect(trackerClickId(page)).toHaveText('wa5pr1ng26');
  expect(puts(sandboxHost)).toBe(1);
});

test('a manager types a click id by hand for a lead whose messages carry none, and the platform keeps it', async ({
  extension,
  sandboxHost,
}) => {
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Leads Group');
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('No click id for this lead yet: the tracker cannot count their events.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Link', exact: true })).toHaveCount(0);

  await panel.getByRole('textbox', { name: 'Click id' }).fill('grp_click_01');
  await panel.getByRole('button', { name: 'Link click id' }).click();

  await expect(panel.getByRole('region', { name: 'Tracker data' }).getByText('grp_click_01')).toBeVisible();
  expect(puts(sandboxHost)).toBe(1);
});
