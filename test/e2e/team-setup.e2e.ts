import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { adminEventPageSchema } from '../../lib/schemas/admin-deliveries';
import { chromiumPath } from '../../sandbox/chromium';
import { startServer, type RunningServer } from '../../server/app';
import { TEST_SCRYPT_COST } from '../../server/auth/passwords';
import { en } from '../../server/console/app/i18n/en';
import {
  startFakeChatterfy,
  startFakeKeitaro,
  type FakeChatterfy,
  type FakeKeitaro,
  type FakeTracker,
} from '../support/fake-trackers';
import { serveChatSite } from './support/chat-sites';
import { checkConsolePage } from './support/console-pages';
import { launchWithExtension, type LoadedExtension } from './support/extension';
import { TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';
import { screenshotPath } from './support/screenshots';

/**
 * A team set up from the console alone, on the real server (`startServer`, as `npm run server` runs it) with local fake
 * Keitaro and Chatterfy: the admin adds both trackers (and tests Keitaro), a manager and a links intake; Chatterfy's
 * "Send Webhook" step links Anna to her click id; the manager signs in to the extension with the first password the
 * console showed and logs a deposit on Telegram K, which each tracker counts once with Anna's click id, the amount,
 * the currency and the event id; the panel and the console's Events page show it delivered. A deposit for a lead
 * without a click id waits as held until the manager types one in the panel, then goes out once.
 */

const ADMIN = { email: 'lead@team.example', password: 'lead password 2026', name: 'Lena Lead' };
const MANAGER = { name: 'Maria', email: 'maria@team.example' };
const ANNA = { chatId: '777001', username: 'anna_leads', clickId: '51ts6sgr1cbkdhljnrv' };
const BORIS_CLICK_ID = 'b0r15kt2026x';
/** Forwarding is well under a second on an idle queue; the panel asks again every 10 s while a delivery is on its way. */
const DELIVERED_WITHIN = { timeout: 45_000 };

const t = (id: keyof typeof en, values: Record<string, string> = {}) =>
  en[id].replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder);

let dataDir: string;
let server: RunningServer;
let keitaro: FakeKeitaro;
let chatterfy: FakeChatterfy;
let adminBrowser: Browser;
let extension: LoadedExtension;

test.beforeAll(async () => {
  [keitaro, chatterfy] = await Promise.all([startFakeKeitaro(), startFakeChatterfy()]);
  dataDir = mkdtempSync(join(tmpdir(), 'team-setup-'));
  server = await startServer({ port: 0, passwordCost: TEST_SCRYPT_COST, dataDir, admin: ADMIN });
  adminBrowser = await chromium.launch({ executablePath: chromiumPath() });
  extension = await launchWithExtension();
  await serveChatSite(extension.context, TELEGRAM_K);
});

test.afterAll(async () => {
  await extension?.context.close();
  await adminBrowser?.close();
  await server?.close();
  await Promise.all([keitaro?.close(), chatterfy?.close()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every postback a tracker received for a click id, counted or not: a double send would show here. */
const postbacksFor = (tracker: FakeTracker, parameter: string, clickId: string) =>
  tracker.requests.filter((request) => request.query.get(parameter) === clickId);

/** The delivery line of one event in the panel's history, item by item as the manager sees it. */
function trackersOf(panel: Locator, what: RegExp): Locator {
  const history = panel.getByRole('list', { name: 'Events', exact: true });
  return history
    .getByRole('listitem')
    .filter({ hasText: what })
    .getByRole('list', { name: 'Trackers' })
    .getByRole('listitem');
}

test('an admin sets up Keitaro, Chatterfy, a manager and an intake in the console; the manager’s deposit lands in both trackers once', async () => {
  test.setTimeout(300_000);
  const adminContext = await adminBrowser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const consolePage = await adminContext.newPage();
  const nav = consolePage.getByRole('navigation');

  await test.step('the admin signs in to the console', async () => {
    await consolePage.goto(`${server.url}/`);
    await consolePage.getByLabel(t('signIn.email')).fill(ADMIN.email);
    await consolePage.getByLabel(t('signIn.password')).fill(ADMIN.password);
    await consolePage.getByRole('button', { name: t('signIn.submit') }).click();
    await expect(nav.getByRole('link', { name: t('nav.managers') })).toBeVisible();
  });

  await test.step('adds Keitaro from its preset and tests it: the request with its key masked, and Keitaro’s answer', async () => {
    await addDestination(consolePage, 'keitaro', 'Keitaro', keitaro.postbackUrl);
    const card = consolePage.getByRole('article', { name: 'Keitaro' });
    await card.getByRole('button', { name: t('destinations.test') }).click();
    const result = card.getByRole('status');
    const masked = `GET ${keitaro.origin}/***/postback?subid=tracker-data-test&status=sale&payout=10.00&currency=usd&tid=`;
    await expect(result.getByText(masked, { exact: false })).toBeVisible();
    await expect(result).toContainText(t('destinations.status', { status: '200' }));
    await expect(result).toContainText('Success');
    await expect(result).not.toContainText(keitaro.postbackKey);
    // The answer shown is the one the tracker gave to the postback it really counted.
    expect(keitaro.countedFor('tracker-data-test')).toMatchObject([
      { status: 'sale', amount: '10.00', currency: 'usd' },
    ]);
  });

  await test.step('adds Chatterfy from its preset', async () => {
    await addDestination(consolePage, 'chatterfy', 'Chatterfy', chatterfy.postbackUrl);
    const card = consolePage.getByRole('article', { name: 'Chatterfy' });
    await expect(card.getByText(`${chatterfy.origin}/api/postbacks/***/tracker-postback`)).toBeVisible();
    await expect(consolePage.getByRole('article', { name: 'Keitaro' }).getByRole('status')).toContainText('Success');
    await checkConsolePage(consolePage, 'destinations');
    // The whole page: the Test result runs below a 900-pixel window.
    await consolePage.screenshot({ path: screenshotPath('console-destinations.png'), fullPage: true });
  });

  let password = '';
  await test.step('adds a manager and reads the first password, shown once', async () => {
    await nav.getByRole('link', { name: t('nav.managers') }).click();
    await consolePage.getByRole('button', { name: t('managers.add') }).click();
    await consolePage.getByLabel(t('common.name'), { exact: true }).fill(MANAGER.name);
    await consolePage.getByRole('textbox', { name: t('managers.email') }).fill(MANAGER.email);
    await consolePage.getByRole('button', { name: t('managers.create') }).click();
    const shown = consolePage.getByRole('textbox', { name: t('managers.passwordLabel', { email: MANAGER.email }) });
    await expect(shown).not.toHaveValue('');
    password = await shown.inputValue();
    await expect(consolePage.getByRole('rowheader', { name: MANAGER.name })).toBeVisible();
    await checkConsolePage(consolePage, 'managers, password shown');
    await consolePage.screenshot({ path: screenshotPath('console-managers.png') });
  });

  await test.step('creates a links intake; Chatterfy’s "Send Webhook" step links Anna to her click id', async () => {
    await nav.getByRole('link', { name: t('nav.intakes') }).click();
    await consolePage.getByRole('button', { name: t('intakes.add') }).click();
    await consolePage.getByLabel(t('common.name'), { exact: true }).fill('Chatterfy links');
    await consolePage.getByRole('button', { name: t('intakes.create') }).click();
    const line = await consolePage.getByRole('textbox', { name: t('intakes.chatterfyLine') }).inputValue();
    expect(line).toMatch(
      /\/intake\/[^?]+\?channel=telegram&contact_id=\{chatId\}&click_id=\{tracker\.clickid\}&username=\{username\}$/,
    );
    await checkConsolePage(consolePage, 'intakes');

    // What Chatterfy calls once it has filled in its variables for Anna's chat.
    const call = line
      .replace('{chatId}', ANNA.chatId)
      .replace('{tracker.clickid}', ANNA.clickId)
      .replace('{username}', ANNA.username);
    const answer = await fetch(call);
    expect([200, 201]).toContain(answer.status);
    await consolePage.reload();
    await expect(consolePage.getByRole('row', { name: /Chatterfy links/ })).toContainText(/answered 20[01]/);
  });

  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1280, height: 760 });
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  await test.step('the manager signs in to the extension with that password and logs Deposit 150 USD in Anna’s chat', async () => {
    await setApiUrl(extension, server.url);
    await signIn(extension, MANAGER.email, password);
    await page.goto(TELEGRAM_K.baseUrl);
    await openChat(page, 'Anna Petrova');
    await openPanel(page);
    await expect(panel.getByRole('region', { name: 'Tracker data' }).getByText(ANNA.clickId)).toBeVisible();
    await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
    await expect(panel.getByRole('status')).toContainText('Sent');
  });

  await test.step('Keitaro and Chatterfy each count it once, with Anna’s click id, the amount, the currency and the event id', async () => {
    await expect.poll(() => keitaro.countedFor(ANNA.clickId).length, DELIVERED_WITHIN).toBe(1);
    await expect.poll(() => chatterfy.countedFor(ANNA.clickId).length, DELIVERED_WITHIN).toBe(1);
    const deposit = await eventOf(consolePage, ANNA.chatId);
    expect(keitaro.countedFor(ANNA.clickId)).toMatchObject([
      { status: 'sale', amount: '150', currency: 'usd', eventId: deposit.id },
    ]);
    expect(chatterfy.countedFor(ANNA.clickId)).toMatchObject([
      { status: 'sale', amount: '150', currency: 'usd', eventId: deposit.id },
    ]);
    expect(deposit).toMatchObject({ type: 'deposit', amount: '150', currency: 'USD' });
  });

  await test.step('the panel’s history says where it went: Keitaro ✓ · Chatterfy ✓', async () => {
    await expect(trackersOf(panel, /^Deposit/)).toHaveText([/^Keitaro ✓/, /^Chatterfy ✓/], DELIVERED_WITHIN);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath('panel-deliveries.png') });
    // Sent once each: the trackers' dedup had nothing to drop.
    expect(postbacksFor(keitaro, 'subid', ANNA.clickId)).toHaveLength(1);
    expect(postbacksFor(chatterfy, 'clickid', ANNA.clickId)).toHaveLength(1);
  });

  await test.step('the admin sees it delivered on the Events page, with its deliveries', async () => {
    await nav.getByRole('link', { name: t('nav.events') }).click();
    const row = consolePage
      .getByRole('row')
      .filter({ has: consolePage.getByRole('rowheader', { name: 'Deposit 150 USD' }) });
    const deliveries = row.getByRole('listitem');
    await expect(deliveries).toHaveText([`Keitaro: ${t('state.delivered')}`, `Chatterfy: ${t('state.delivered')}`]);
    await expect(row).toContainText(MANAGER.name);
    await expect(row.getByRole('link', { name: `@${ANNA.username}` })).toBeVisible();
    await checkConsolePage(consolePage, 'events');
  });

  await test.step('a deposit for a lead without a click id is held until the manager types one in the panel', async () => {
    await openChat(page, 'Boris Ivanov');
    await expect(
      panel.getByText('No click id for this lead yet: the tracker cannot count their events.'),
    ).toBeVisible();
    await sendEvent(page, { type: 'Deposit', amount: '75.5', currency: 'EUR' });
    await expect(panel.getByRole('status')).toContainText('Sent');
    await expect(trackersOf(panel, /^Deposit/)).toHaveText(
      ['Keitaro held: no click id', 'Chatterfy held: no click id'],
      DELIVERED_WITHIN,
    );
    await expect(panel.getByText('No click id yet: link the lead’s click id to send it.')).toBeVisible();
    const before = keitaro.requests.length;
    expect(keitaro.conversions.filter((conversion) => conversion.amount === '75.5')).toEqual([]);

    await panel.getByRole('textbox', { name: 'Click id' }).fill(BORIS_CLICK_ID);
    await panel.getByRole('button', { name: 'Link click id' }).click();
    await expect(panel.getByRole('region', { name: 'Tracker data' }).getByText(BORIS_CLICK_ID)).toBeVisible();

    await expect.poll(() => keitaro.countedFor(BORIS_CLICK_ID).length, DELIVERED_WITHIN).toBe(1);
    const deposit = await eventOf(consolePage, '777002');
    expect(keitaro.countedFor(BORIS_CLICK_ID)).toMatchObject([
      { status: 'sale', amount: '75.5', currency: 'eur', eventId: deposit.id },
    ]);
    await expect(trackersOf(panel, /^Deposit/)).toHaveText([/^Keitaro ✓/, /^Chatterfy ✓/], DELIVERED_WITHIN);
    expect(postbacksFor(keitaro, 'subid', BORIS_CLICK_ID)).toHaveLength(1);
    // Nothing else went to Keitaro meanwhile: the held delivery waited instead of being sent without a click id.
    expect(keitaro.requests.slice(before).map((request) => request.query.get('subid'))).toEqual([BORIS_CLICK_ID]);
  });

  await test.step('the admin sees both deposits delivered, and Maria’s sign-in and events on the Managers page', async () => {
    await nav.getByRole('link', { name: t('nav.managers') }).click();
    const maria = consolePage
      .getByRole('row')
      .filter({ has: consolePage.getByRole('rowheader', { name: MANAGER.name }) });
    // Signed in today (not "Never"), two events logged this week.
    await expect(maria.getByRole('cell')).toHaveText([
      MANAGER.email,
      t('role.manager'),
      new RegExp(String(new Date().getFullYear())),
      '2',
      t('managers.remove', { name: MANAGER.name }),
    ]);
    await nav.getByRole('link', { name: t('nav.events') }).click();
    const boris = consolePage
      .getByRole('row')
      .filter({ has: consolePage.getByRole('rowheader', { name: 'Deposit 75.5 EUR' }) });
    await expect(boris.getByRole('listitem')).toHaveText([
      `Keitaro: ${t('state.delivered')}`,
      `Chatterfy: ${t('state.delivered')}`,
    ]);
    await consolePage.screenshot({ path: screenshotPath('console-events.png') });
  });

  await adminContext.close();
});

async function addDestination(
  consolePage: Page,
  kind: 'keitaro' | 'chatterfy',
  name: string,
  url: string,
): Promise<void> {
  const nav = consolePage.getByRole('navigation');
  await nav.getByRole('link', { name: t('nav.destinations') }).click();
  await consolePage.getByRole('button', { name: t('destinations.add') }).click();
  const form = consolePage.getByRole('form', { name: t('destinations.add') });
  await form.getByLabel(t('destinations.preset')).selectOption(kind);
  await expect(form.getByText(t(`presetHelp.${kind}`))).toBeVisible();
  await form.getByLabel(t('common.name'), { exact: true }).fill(name);
  await form.getByLabel(t('destinations.url')).fill(url);
  await form.getByRole('button', { name: t('destinations.save') }).click();
  await expect(consolePage.getByText(t('destinations.saved', { name }))).toBeVisible();
  await expect(consolePage.getByRole('article', { name })).toBeVisible();
}

/** The one event of a contact as the server stored it, asked with the console's own session (a GET needs no CSRF token). */
async function eventOf(consolePage: Page, chatId: string) {
  const answer = await consolePage.request.get(`${server.url}/api/v1/admin/events?contact=${chatId}`);
  expect(answer.status()).toBe(200);
  const { events } = adminEventPageSchema.parse(await answer.json());
  expect(events).toHaveLength(1);
  return events[0]!;
}
