import { expect, test } from '@playwright/test';
import { adminOperatorListSchema } from '../../lib/schemas/console';
import { sessionSchema } from '../../lib/schemas/api';
import { en } from '../../server/console/app/i18n/en';
import { CONSOLE_ADMIN as ADMIN, useConsoleServer } from './support/console-server';

/**
 * The console served by the real server (`startServer`, as `npm run server` runs it) in Debian's Chromium: the admin
 * signs in with the account the server created at start, adds a manager, and that manager's shown first password signs
 * in to the API; a manager signing in to the console sees "Admins only".
 */

const running = useConsoleServer();

async function apiSignIn(credentials: { email: string; password: string }) {
  const response = await fetch(`${running.server().url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

test('an admin signs in to the real server and adds a manager, who can then sign in with the shown password', async () => {
  const context = await running.browser().newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${running.server().url}/`);
  await page.getByLabel(en['signIn.email']).fill(ADMIN.email);
  await page.getByLabel(en['signIn.password']).fill(ADMIN.password);
  await page.getByRole('button', { name: en['signIn.submit'] }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: en['nav.managers'] })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Lena Lead' })).toBeVisible();

  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'td_console', httpOnly: true, sameSite: 'Strict' });

  await page.getByRole('button', { name: en['managers.add'] }).click();
  await page.getByLabel(en['common.name'], { exact: true }).fill('Olga');
  await page.getByRole('textbox', { name: en['managers.email'] }).fill('olga@team.example');
  await page.getByRole('button', { name: en['managers.create'] }).click();
  const shown = page.getByRole('textbox', {
    name: en['managers.passwordLabel'].replace('{email}', 'olga@team.example'),
  });
  await expect(shown).toBeVisible();
  const password = await shown.inputValue();
  await expect(page.getByRole('rowheader', { name: 'Olga' })).toBeVisible();

  // What the server stored: the manager is listed, and the password the console showed once signs her in.
  const admin = sessionSchema.parse((await apiSignIn(ADMIN)).body);
  const listed = await fetch(`${running.server().url}/api/v1/admin/operators`, {
    headers: { authorization: `Bearer ${admin.accessToken}` },
  });
  const { operators } = adminOperatorListSchema.parse(await listed.json());
  expect(operators.find((operator) => operator.email === 'olga@team.example')).toMatchObject({
    name: 'Olga',
    role: 'manager',
    lastSignInAt: null,
    eventsThisWeek: 0,
  });
  const olga = await apiSignIn({ email: 'olga@team.example', password });
  expect(olga.status).toBe(200);

  // The same manager in the console is turned away.
  const other = await running.browser().newContext({ locale: 'en-US' });
  const managerPage = await other.newPage();
  await managerPage.goto(`${running.server().url}/`);
  await managerPage.getByLabel(en['signIn.email']).fill('olga@team.example');
  await managerPage.getByLabel(en['signIn.password']).fill(password);
  await managerPage.getByRole('button', { name: en['signIn.submit'] }).click();
  await expect(managerPage.getByRole('heading', { name: en['adminsOnly.heading'] })).toBeVisible();
  expect(await other.cookies()).toEqual([]);

  await page.getByRole('button', { name: en.signOut }).click();
  await expect(page.getByRole('button', { name: en['signIn.submit'] })).toBeVisible();
  await other.close();
  await context.close();
});
