import { expect, test, TELEGRAM_K } from './support/fixtures';
import { openChat, openPanel, setApiUrl, signIn } from './support/manager';

/**
 * The panel lives in an open shadow root, so a script of a compromised chat page can reach into it. Whatever it
 * clicks, types or submits there is not the manager's doing (`isTrusted` is false), and nothing may be sent.
 */
test('a page script cannot drive the panel to send an event', async ({ extension, sandboxHost }) => {
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
