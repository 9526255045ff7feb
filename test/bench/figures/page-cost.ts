import { expect, type CDPSession, type Page } from '@playwright/test';
import { TELEGRAM_K } from '../../e2e/support/fixtures';
import { openPanel } from '../../e2e/support/manager';
import type { Profiling } from '../support/profiling';
import { openChatWindow, pause, type BenchSession } from '../support/session';

const BUSY_CHAT = { baseUrl: TELEGRAM_K.baseUrl, dir: 'test/bench/busy-chat' };
/** The same page at an address the extension does not run on: no content script, no isolated world, no UI. */
const BUSY_CHAT_ELSEWHERE = { ...BUSY_CHAT, baseUrl: 'https://busy-chat.test/' };
/** After the last mutation: the extension's watcher reads the page again 16 ms after a change; every side waits the same. */
const SETTLE_MS = 600;
/** Over the chat list, as a manager's pointer mostly is. */
const POINTER_AT = { x: 180, y: 300 };

export interface PageCostSample {
  /** Main-thread CPU time of every task in the page's renderer during the run and the settle period. */
  taskMs: number;
  /** The part of it spent running JavaScript (the page's, the content script's, their observers' callbacks). */
  scriptMs: number;
  /** The page's own clock from the first mutation to the last. */
  wallMs: number;
}

/** The page without the extension, with it and its panel closed (the button in the header), and with the panel open. */
export type PageSide = 'without' | 'closed' | 'open';
const SIDES: readonly PageSide[] = ['without', 'closed', 'open'];

export interface PageCostRun {
  samples: Record<PageSide, PageCostSample[]>;
  /** open ÷ without main-thread time, one per round: the budgeted figure (a manager works with the panel open). */
  ratios: number[];
  /** closed ÷ without, one per round. */
  closedRatios: number[];
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
  // Where the pointer rests matters: while it is over content whose layout changes, Chromium hit-tests it every frame
  // to update hover. Opening the panel leaves it on the header button; every side gets it at the same spot instead.
  await page.mouse.move(POINTER_AT.x, POINTER_AT.y);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

async function runOnce({ page, cdp }: MeasuredPage, mutations: number, perFrame: number): Promise<PageCostSample> {
  const before = await metrics(cdp);
  const wallMs = await page.evaluate(
    ({ mutations, perFrame }) =>
      (window as unknown as { busyChat: { run(total: number, perFrame: number): Promise<number> } }).busyChat.run(
        mutations,
        perFrame,
      ),
    { mutations, perFrame },
  );
  await pause(SETTLE_MS);
  const after = await metrics(cdp);
  const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return { taskMs: delta('TaskDuration'), scriptMs: delta('ScriptDuration'), wallMs };
}

/** The busy page in a window of its own; with `panelOpen`, the panel is open on the chat, as a manager works. */
async function pageWithExtension(opener: Page, panelOpen: boolean): Promise<MeasuredPage> {
  const page = await openChatWindow(opener, BUSY_CHAT);
  const panel = page.getByRole('complementary', { name: 'Tracker Data' });
  if (panelOpen) {
    await openPanel(page);
    await expect(panel.getByText('clk_7f3a9c')).toBeVisible();
  } else {
    await expect(page.getByRole('button', { name: 'Tracker Data' })).toBeVisible();
  }
  return measured(page);
}

/**
 * Rounds in which the three sides run at the same time, each page in a window and a renderer of its own, after one
 * unmeasured warm-up round. All three are in the one browser: the page without the extension is the same fixture at
 * an address the extension does not run on. Run one after the other, the sides were compared across the machine's
 * drift: the same page's main-thread time moved by up to 40% between runs seconds apart (layout alike, so the machine,
 * not the page), and two identical sides came out 8% apart over 5 rounds. Run together, each round's sides share
 * whatever state the machine is in.
 */
export async function measurePageCost(
  session: BenchSession,
  rounds: number,
  mutations: number,
  perFrame: number,
  profiling: Profiling,
): Promise<PageCostRun> {
  const opener = await session.extension.context.newPage();
  const elsewhere = await openChatWindow(opener, BUSY_CHAT_ELSEWHERE);
  await pause(SETTLE_MS);
  await expect(elsewhere.getByRole('button', { name: 'Tracker Data' })).toHaveCount(0);
  const pages: Record<PageSide, MeasuredPage> = {
    without: await measured(elsewhere),
    closed: await pageWithExtension(opener, false),
    open: await pageWithExtension(opener, true),
  };
  const runAll = (round: number | undefined) =>
    Promise.all(
      SIDES.map((side) => {
        const run = () => runOnce(pages[side], mutations, perFrame);
        return round === undefined ? run() : profiling.page(`page-cost-${side}-${round}`, pages[side].cdp, run);
      }),
    );
  try {
    await runAll(undefined);
    const run: PageCostRun = { samples: { without: [], closed: [], open: [] }, ratios: [], closedRatios: [] };
    for (let round = 0; round < rounds; round += 1) {
      const [without, closed, open] = await runAll(round);
      run.samples.without.push(without!);
      run.samples.closed.push(closed!);
      run.samples.open.push(open!);
      run.ratios.push(open!.taskMs / without!.taskMs);
      run.closedRatios.push(closed!.taskMs / without!.taskMs);
    }
    return run;
  } finally {
    for (const side of SIDES) await pages[side].page.close();
    await opener.close();
  }
}
