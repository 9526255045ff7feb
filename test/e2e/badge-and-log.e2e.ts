import { expect, test, TELEGRAM_K } from './support/fixtures';
import { backgroundWorker, type LoadedExtension } from './support/extension';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

/** The toolbar badge as Chrome holds it: its text and background colour. */
async function badge(extension: LoadedExtension): Promise<{ text: string; color: number[] }> {
  const worker = await backgroundWorker(extension.context);
  return worker.evaluate(async () => {
    // The worker's own `chrome.action`, typed as much as this check needs.
    type Action = {
      getBadgeText(details: object): Promise<string>;
      getBadgeBackgroundColor(details: object): Promise<number[]>;
    };
    const { action } = (globalThis as unknown as { chrome: { action: Action } }).chrome;
    return { text: await action.getBadgeText({}), color: await action.getBadgeBackgroundColor({}) };
  });
}

const RED = [217, 48, 37, 255];

test('a refused deposit turns the badge red and is listed in the popup; dismissed in the panel, it moves to the popup’s Dismissed log', async ({
  extension,
  sandboxHost,
}) => {
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Boris Ivanov');
  await openPanel(page);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });

  // Boris has a first deposit already: another "Deposit" is refused as deposit_exists.
  await sendEvent(page, { type: 'Deposit', amount: '50', currency: 'EUR' });
  await expect(panel.getByRole('status')).toContainText('Failed');
  await expect.poll(() => badge(extension)).toEqual({ text: '1', color: RED });

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const waiting = popup.getByRole('list', { name: 'Waiting to be sent' });
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting.getByRole('listitem')).toContainText('Boris Ivanov');
  await expect(waiting.getByRole('listitem')).toContainText('Failed');

  const failed = panel.getByRole('listitem').filter({ hasText: 'Failed' });
  await failed.getByRole('button', { name: 'Dismiss' }).click();
  await failed.getByRole('button', { name: 'Yes, dismiss' }).click();
  await expect(panel.getByText('Failed', { exact: true })).toHaveCount(0);

  await expect.poll(async () => (await badge(extension)).text).toBe('');
  const log = popup.getByRole('list', { name: 'Dismissed' });
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log.getByRole('listitem')).toContainText('Boris Ivanov');
  await expect(log.getByRole('listitem')).toContainText('dismissed');
  await expect(popup.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
});
