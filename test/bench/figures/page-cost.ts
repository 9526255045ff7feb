import { chromium, expect, type Browser, type CDPSession, type Page } from '@playwright/test';
import { chromiumPath } from '../../../sandbox/chromium';
import { TELEGRAM_K } from '../../e2e/support/fixtures';
import { openPanel } from '../../e2e/support/manager';
import { BROWSER_FLAGS } from '../support/launch';
import type { Profiling } from '../support/profiling';
import { openChatPage, pause, type BenchSession } from '../support/session';

const BUSY_CHAT = { baseUrl: TELEGRAM_K.baseUrl, dir: 'test/bench/busy-chat' };
/** After the last mutation: the extension's watcher reads the page again 16 ms after a change; both sides wait the same. */
const SETTLE_MS = 600;

export interface PageCostSample {
  /** Main-thread CPU time of every task in the page's renderer during the run and the settle period. */
  taskMs: number;
  scriptMs: number;
  /** The page's own clock from the first mutation to the last. */
  wallMs: number;
}

export interface PageCostRun {
  with: PageCostSample[];
  without: PageCostSample[];
  /** with ÷ without main-thread time, one per alternating pair. */
  ratios: number[];
}

interface MeasuredPage {
  page: Page;
  cdp: CDPSession;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
}

/**
 * CDP Performance metrics in the thread-ticks time domain: TaskDuration and ScriptDuration are CPU time of the
 * renderer's main thread, not wall time, so other processes competing for the cores (the machine is shared) move them
 * far less than they move a stopwatch. They cover every task of that thread: the page's script, style, layout and
 * paint, and the content script's observers and timers, which run on the same thread.
 */
async function measured(page: Page): Promise<MeasuredPage> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

async function runOnce({ page, cdp }: MeasuredPage, mutations: number, perFrame: number): Promise<PageCostSample> {
  const before = await metrics(cdp);
  const wallMs = await page.evaluate(
    ({ mutations, perFrame }) => (window as unknown as { busyChat: { run(total: number, perFrame: number): Promise<number> } }).busyChat.run(mutations, perFrame),
    { mutations, perFrame },
  );
  await pause(SETTLE_MS);
  const after = await metrics(cdp);
  const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return { taskMs: delta('TaskDuration'), scriptMs: delta('ScriptDuration'), wallMs };
}

/** The busy page in the extension's browser, with the panel open on the chat, as a manager works. */
async function pageWithExtension(session: BenchSession): Promise<MeasuredPage> {
  const page = await openChatPage(session.extension.context, BUSY_CHAT);
  await openPanel(page);
  await expect(page.getByRole('complementary', { name: 'Tracker Data' }).getByText('clk_7f3a9c')).toBeVisible();
  return measured(page);
}

/** The same page in a browser without the extension, launched with the same flags. */
async function pageWithoutExtension(browser: Browser): Promise<MeasuredPage> {
  return measured(await openChatPage(await browser.newContext(), BUSY_CHAT));
}

/** `pairs` alternating runs (with, without; then without, with; …) after one unmeasured warm-up run of each. */
export async function measurePageCost(session: BenchSession, pairs: number, mutations: number, perFrame: number, profiling: Profiling): Promise<PageCostRun> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: process.env.HEADED !== '1',
    args: BROWSER_FLAGS,
  });
  try {
    const withExtension = await pageWithExtension(session);
    const withoutExtension = await pageWithoutExtension(browser);
    await runOnce(withExtension, mutations, perFrame);
    await runOnce(withoutExtension, mutations, perFrame);
    const run: PageCostRun = { with: [], without: [], ratios: [] };
    for (let pair = 0; pair < pairs; pair += 1) {
      const order = pair % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const side of order) {
        await (side === 'with' ? withExtension : withoutExtension).page.bringToFront();
        const page = side === 'with' ? withExtension : withoutExtension;
        run[side].push(await profiling.page(`page-cost-${side}-${pair}`, page.cdp, () => runOnce(page, mutations, perFrame)));
      }
      run.ratios.push(run.with[pair]!.taskMs / run.without[pair]!.taskMs);
    }
    await withExtension.page.close();
    return run;
  } finally {
    await browser.close();
  }
}
