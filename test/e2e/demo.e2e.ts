import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '@playwright/test';
import { startSandbox } from '../../sandbox/server';
import { launchWithExtension } from './support/extension';
import { openChat, openPanel, sendEvent, setApiUrl, signIn } from './support/manager';

/** What `npm start` shows a newcomer: the development build on the sandbox's demo Telegram K chat, all offline. */
test('the development build works on the demo chat the sandbox serves', async () => {
  test.setTimeout(120_000);
  const outDir = mkdtempSync(join(tmpdir(), 'tracker-data-dev-'));
  execFileSync('npx', ['wxt', 'build', '--mode', 'development'], { env: { ...process.env, TRACKER_OUT_DIR: outDir }, stdio: 'ignore' });
  const sandbox = await startSandbox({
    port: 0,
    dataFile: ':memory:',
    staticDir: { urlPrefix: '/demo/web.telegram.org/k/', dir: resolve('test/fixtures/telegram-k/app') },
  });
  const extension = await launchWithExtension(undefined, join(outDir, 'chrome-mv3-dev'));
  try {
    // The development build talks to the sandbox's default URL; this one runs on a free port instead.
    await setApiUrl(extension, sandbox.url);
    await signIn(extension);
    const page = await extension.context.newPage();
    await page.goto(`${sandbox.url}/demo/web.telegram.org/k/`);
    await openChat(page, 'Anna Petrova');
    await openPanel(page);
    const panel = page.getByRole('complementary', { name: 'Tracker Data' });
    await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
    await sendEvent(page, { type: 'Deposit', amount: '150', currency: 'USD' });
    await expect(panel.getByRole('status')).toContainText('Sent');
    expect(sandbox.storedEvents().filter((event) => event.source === 'manual')).toHaveLength(1);
  } finally {
    await extension.context.close();
    await sandbox.close();
  }
});
