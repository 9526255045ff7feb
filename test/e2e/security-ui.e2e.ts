import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, setApiUrl, signIn } from './support/manager';

/**
 * KNOWN HOLE, kept as an expected failure until it is closed (see docs/security.md, "Open issues"): the panel lives in
 * an open shadow root, so a script of a compromised chat page can reach into it, click Send event, type an amount and
 * press Save, and the event goes out as the signed-in manager's. Closing it means a closed shadow root (which the e2e
 * harness cannot pierce with role locators) or refusing input the manager did not make; when it is closed this test
 * passes, Playwright reports the expected failure as an error, and `test.fail` comes off.
 */
test('a page script cannot drive the panel to send an event', async ({ extension, sandboxHost }) => {
  test.fail();
  await setApiUrl(extension, sandboxHost.url);
  await signIn(extension);
  const page = await extension.context.newPage();
  await page.goto(TELEGRAM_K.baseUrl);
  await openChat(page, 'Anna Petrova');
  await openPanel(page);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' }).getByText('clk_7f3a9c')).toBeVisible();

  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
    const roots = () => [...document.querySelectorAll('*')].flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));
    const find = <E extends Element>(selector: string, text?: string) =>
      roots()
        .flatMap((root) => [...root.querySelectorAll<E>(selector)])
        .find((element) => text === undefined || element.textContent === text || element.getAttribute('value') === text);
    find<HTMLButtonElement>('button', 'Send event')?.click();
    await pause();
    find<HTMLInputElement>('input[type=radio]', 'deposit')?.click();
    await pause();
    const amount = find<HTMLInputElement>('input[inputmode=decimal]');
    if (amount) {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(amount, '999999');
      amount.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await pause();
    find<HTMLButtonElement>('button', 'Save')?.click();
  });
  await page.waitForTimeout(2_000);

  expect(sandboxHost.sandbox.storedEvents().filter((event) => event.source === 'manual')).toEqual([]);
});
