import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumPath } from '../../sandbox/chromium';
import { en } from '../../server/console/app/i18n/en';
import { ru } from '../../server/console/app/i18n/ru';
import { DEPOSIT, LENA, MIA } from '../console/support/events';
import { startConsoleHost, type ConsoleHost } from './support/console-host';
import { checkConsolePage as checkPage } from './support/console-pages';
import { screenshotPath } from './support/screenshots';

/**
 * The admin console in Debian's Chromium, served by its real plugin (page, bundle, cookie session, CSRF) over the
 * in-memory admin API: an admin signs in by keyboard, sets up a manager, a Keitaro destination and an intake, resends a
 * failed delivery and opens a lead, in each language, with axe on every page at 1280 and 800 pixels wide.
 */

const TABLES = { en, ru } as const;
type Language = keyof typeof TABLES;
const ADMIN = { id: 'op-admin', name: 'Alice Admin', email: 'alice@team.example', role: 'admin' as const };
const PASSWORD = 'correct horse battery';

// Sixteen axe runs on a shared 2-core machine take more than the suite's default.
test.describe.configure({ timeout: 300_000 });

let browser: Browser;
let host: ConsoleHost;

test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath() });
});
test.afterAll(async () => browser.close());
test.beforeEach(async () => {
  host = await startConsoleHost({
    accounts: [{ email: ADMIN.email, password: PASSWORD, operator: ADMIN }],
    operators: [{ ...MIA, role: 'manager', lastSignInAt: '2026-12-04T09:30:00.000Z', eventsThisWeek: 4 }],
    events: structuredClone([DEPOSIT]),
    leads: [structuredClone(LENA)],
  });
});
test.afterEach(async () => host.close());

for (const language of Object.keys(TABLES) as Language[]) {
  /**
   * For the README with `SCREENSHOT_DIR=docs/screenshots`, else with the test's results. The English ones come from the
   * real server's run (team-setup.e2e.ts), so they show what a real tracker answered; these would overwrite them.
   */
  const shoot = async (page: Page, name: string) => {
    if (language !== 'en') await page.screenshot({ path: screenshotPath(`console-${name}-${language}.png`) });
  };
  const t = (id: keyof typeof en, values: Record<string, string> = {}) =>
    TABLES[language][id].replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder);

  test(`an admin sets up the team from the console (${language})`, async () => {
    const context = await browser.newContext({ locale: language === 'ru' ? 'ru-RU' : 'en-US' });
    const page = await context.newPage();
    await page.goto(host.url);

    await expect(page.getByRole('button', { name: t('signIn.submit') })).toBeVisible();
    await checkPage(page, 'sign-in');
    // By keyboard alone: the first Tab reaches Email.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: t('nav.managers') })).toBeVisible();

    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'td_console', httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // Managers
    await expect(page.getByRole('rowheader', { name: 'Mia Manager' })).toBeVisible();
    await checkPage(page, 'managers');
    await page.getByRole('button', { name: t('managers.add') }).click();
    await page.getByLabel(t('common.name'), { exact: true }).fill('Olga');
    await page.getByRole('textbox', { name: t('managers.email') }).fill('olga@team.example');
    await page.getByRole('button', { name: t('managers.create') }).click();
    const password = page.getByRole('textbox', { name: t('managers.passwordLabel', { email: 'olga@team.example' }) });
    await expect(password).toHaveValue(
      host.data.accounts.find((account) => account.email === 'olga@team.example')!.password,
    );
    await checkPage(page, 'managers, password shown');
    await shoot(page, 'managers');

    // Destinations
    await nav.getByRole('link', { name: t('nav.destinations') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('destinations.heading') })).toBeFocused();
    await page.getByRole('button', { name: t('destinations.add') }).click();
    await expect(page.getByText(t('presetHelp.keitaro'))).toBeVisible();
    await checkPage(page, 'destination form');
    await page.getByLabel(t('common.name'), { exact: true }).fill('Keitaro');
    await page.getByLabel(t('destinations.url')).fill('https://kt.example/key123/postback');
    await page.getByRole('button', { name: t('destinations.save') }).click();
    const keitaro = page.getByRole('article', { name: 'Keitaro' });
    await keitaro.getByRole('button', { name: t('destinations.test') }).click();
    await expect(
      keitaro.getByText(/GET https:\/\/kt\.example\/key123\/postback\?subid=tracker-data-test&status=sale/),
    ).toBeVisible();
    await checkPage(page, 'destinations with a test result');
    await shoot(page, 'destinations');

    // Intakes
    await nav.getByRole('link', { name: t('nav.intakes') }).click();
    await page.getByRole('button', { name: t('intakes.add') }).click();
    await page.getByLabel(t('common.name'), { exact: true }).fill('Chatterfy bot');
    await page.getByRole('button', { name: t('intakes.create') }).click();
    await expect(page.getByRole('textbox', { name: t('intakes.chatterfyLine') })).toHaveValue(
      /\?channel=telegram&contact_id=\{chatId\}&click_id=\{tracker\.clickid\}/,
    );
    await page.getByRole('textbox', { name: t('pattern.message') }).fill('ref: ab12cd34');
    await page.getByRole('textbox', { name: t('pattern.label') }).fill('ref[:\\s]*([A-Za-z0-9_-]{6,64})');
    await expect(page.getByText(t('pattern.found', { code: 'ab12cd34' }))).toBeVisible();
    await checkPage(page, 'intakes');
    await shoot(page, 'intakes');

    // Events, then the lead's page
    await nav.getByRole('link', { name: t('nav.events') }).click();
    const deposit = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /150\.00 USD/ }) });
    await checkPage(page, 'events');
    await shoot(page, 'events');
    await deposit.getByRole('button', { name: t('events.resend') }).click();
    await expect(page.getByText(t('events.resent', { destination: 'Binom' }))).toBeVisible();
    await page.getByRole('link', { name: '@lena_k' }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('lead.heading', { name: '@lena_k' }) })).toBeVisible();
    await expect(page.getByText('kt-click-777', { exact: true })).toBeVisible();
    await checkPage(page, 'lead');

    await page.getByRole('button', { name: t('signOut') }).click();
    await expect(page.getByRole('button', { name: t('signIn.submit') })).toBeVisible();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
}
