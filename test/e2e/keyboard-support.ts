import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { backgroundWorker } from './support/extension';

/** The manifest's command that opens and closes the panel (wxt.config.ts). */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';

/** Whether `target` has the keyboard focus, looking through the open shadow roots the UI lives in. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === element;
  });
}

/** Presses Tab (or Shift+Tab) until `target` has focus, and fails when it is not reachable within `limit` presses. */
export async function tabTo(page: Page, target: Locator, { limit = 40, backwards = false } = {}): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`Tab never reached ${target.toString()} in ${limit} presses`);
}

export async function expectFocused(target: Locator): Promise<void> {
  await expect.poll(() => hasFocus(target), { message: `${target.toString()} should have focus` }).toBe(true);
}

/**
 * The browser command as the manager's shortcut fires it. Headless Chromium hands Playwright's key presses to the page,
 * never to the browser's shortcut handling, so the key itself cannot fire it here: this dispatches the command event
 * in the service worker, running the same listener the key runs. The key binding is checked apart (the built manifest
 * and the browser's own list of commands).
 */
export async function firePanelCommand(context: BrowserContext): Promise<void> {
  const worker = await backgroundWorker(context);
  await worker.evaluate((name) => {
    const { commands } = (
      globalThis as unknown as { chrome: { commands: { onCommand: { dispatch(command: string): void } } } }
    ).chrome;
    commands.onCommand.dispatch(name);
  }, TOGGLE_PANEL_COMMAND);
}

/** The focused element shows the focus ring a keyboard user follows (tracker.css's :focus-visible outline). */
export async function expectFocusRing(target: Locator): Promise<void> {
  const ring = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      visible: element.matches(':focus-visible'),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
    };
  });
  expect(ring).toEqual({ visible: true, style: 'solid', width: 2 });
}
