import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

const SIGNED_OUT_QUEUED = 'Signed out — sign in to send queued events';

test('a refresh token the platform revoked ends the session cleanly: the event stays Queued, both UIs say so, and it goes after sign-in', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();

  sandbox.faults.expireAccessTokens();
  sandbox.faults.revokeRefreshTokens();
  await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });

  await expect(panel.getByText(SIGNED_OUT_QUEUED, { exact: true })).toBeVisible();
  const newest = panel.getByRole('list', { name: 'Events' }).getByRole('listitem').first();
  await expect(newest).toContainText('Deposit $150.00');
  await expect(newest).toContainText('Queued');
  expect(sandbox.storedEvents().filter((event) => event.source === 'manual')).toEqual([]);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await expect(popup.getByText(SIGNED_OUT_QUEUED, { exact: true })).toBeVisible();
  await expect(popup.getByText('1 queued, 0 failed')).toBeVisible();
  await popup.getByRole('textbox', { name: 'Email' }).fill('demo@tracker.test');
  await popup.getByLabel('Password').fill('demo-password');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(popup.getByText('0 queued, 0 failed')).toBeVisible();

  await expect(newest).toContainText('Sent');
  await expect(panel.getByText(SIGNED_OUT_QUEUED)).toHaveCount(0);
  const stored = sandbox.storedEvents().filter((event) => event.source === 'manual');
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ type: 'deposit', amount: '150', currency: 'USD', operatorId: 'op_demo' });
});

test('a second operator is offered the first one’s queued events, and "Send them as me" sends each once, as theirs', async ({
  extension,
  sandboxHost,
}) => {
  const { sandbox } = sandboxHost;
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  sandbox.faults.failNext(1_000, 503, { route: 'POST /api/v1/events' });
  await sendEvent(page, { type: 'Registration' });
  await expect(panel.getByRole('status')).toContainText('Queued');

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Sign out' }).click();
  sandbox.faults.reset();
  await popup.getByRole('textbox', { name: 'Email' }).fill('second@tracker.test');
  await popup.getByLabel('Password').fill('second-password');
  await popup.getByRole('button', { name: 'Sign in' }).click();

  const choice = popup.getByRole('group', { name: '1 event saved by Demo Manager is waiting' });
  await expect(choice.getByRole('button', { name: 'Keep them for Demo Manager' })).toBeVisible();
  await choice.getByRole('button', { name: 'Send them as me' }).click();
  await expect(choice).toHaveCount(0);

  await expect.poll(() => sandbox.storedEvents().filter((event) => event.source === 'manual').length).toBe(1);
  expect(sandbox.storedEvents().find((event) => event.source === 'manual')).toMatchObject({
    type: 'registration',
    operatorId: 'op_second',
  });
  await expect(panel.getByRole('list', { name: 'Events' }).getByRole('listitem').first()).toContainText('Sent');
});
