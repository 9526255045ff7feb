import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The widths the console must read at (issue 18): a laptop and a narrow window. */
export const CONSOLE_WIDTHS = [1280, 800] as const;

/**
 * A console page as an admin sees it, at each width: no serious or critical axe finding, and nothing that scrolls
 * sideways. Leaves the page at 1280 pixels wide, where the screenshots are taken.
 */
export async function checkConsolePage(page: Page, name: string): Promise<void> {
  for (const width of CONSOLE_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${name} at ${width}px: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    expect(bad).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
