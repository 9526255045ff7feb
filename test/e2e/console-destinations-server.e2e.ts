import { expect, test } from '@playwright/test';
import { sessionSchema } from '../../lib/schemas/api';
import { en } from '../../server/console/app/i18n/en';
import { CONSOLE_ADMIN as ADMIN, useConsoleServer } from './support/console-server';
import { destinationAt } from '../support/postback-events';
import { startFakeKeitaro, type FakeKeitaro } from '../support/fake-trackers';

/**
 * The Destinations page against the real server: the counts of today the console shows are the ones the server
 * answers (a console built against its own idea of the answer would show nothing here), and Test reaches the tracker.
 */

const running = useConsoleServer();
let keitaro: FakeKeitaro;

test.beforeEach(async () => {
  keitaro = await startFakeKeitaro();
});
test.afterEach(async () => keitaro.close());

async function api(path: string, token: string | undefined, json: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.server().url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(json),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return (await response.json()) as unknown;
}

test("the Destinations page shows each destination's deliveries of today as the server counts them", async () => {
  const admin = sessionSchema.parse(await api('/api/v1/auth/login', undefined, ADMIN));
  await api(
    '/api/v1/admin/destinations',
    admin.accessToken,
    destinationAt('keitaro', keitaro.postbackUrl, { name: 'Main Keitaro' }),
  );
  // A lead with no click id yet: its deposit waits, held, for the link.
  const lead = { channel: 'telegram', externalId: '555001', displayName: 'Nika' };
  const id = crypto.randomUUID();
  await api(
    '/api/v1/events',
    admin.accessToken,
    { id, type: 'deposit', contact: lead, amount: '40', currency: 'USD', occurredAt: new Date().toISOString() },
    { 'idempotency-key': id },
  );

  const context = await running.browser().newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${running.server().url}/#/destinations`);
  await page.getByLabel(en['signIn.email']).fill(ADMIN.email);
  await page.getByLabel(en['signIn.password']).fill(ADMIN.password);
  await page.getByRole('button', { name: en['signIn.submit'] }).click();
  await page.getByRole('navigation').getByRole('link', { name: en['nav.destinations'] }).click();

  const card = page.getByRole('article', { name: 'Main Keitaro' });
  await expect(card.getByRole('heading', { name: en['destinations.today'] })).toBeVisible();
  const count = (state: 'delivered' | 'pending' | 'held' | 'failed') =>
    card.locator('dt', { hasText: en[`state.${state}`] }).locator('xpath=following-sibling::dd');
  await expect(count('held')).toHaveText('1');
  await expect(count('delivered')).toHaveText('0');

  await card.getByRole('button', { name: en['destinations.test'] }).click();
  await expect(
    card.getByText(/GET http:\/\/127\.0\.0\.1:\d+\/\*\*\*\/postback\?subid=tracker-data-test&status=sale/),
  ).toBeVisible();
  expect(keitaro.countedFor('tracker-data-test')).toHaveLength(1);
  await context.close();
});
