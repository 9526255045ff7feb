/**
 * `npm run bench`: the built extension (TRACKER_OUT_DIR/chrome-mv3, default .output) in real Chromium against the
 * sandbox on loopback. Prints one table (median, p95 and max of each figure beside its budget) and the machine, writes
 * the same as JSON (BENCH_JSON, default test-results/bench.json), and exits 1 when a budget is broken.
 * BENCH_SHORT=1 (or --short) is the CI run: fewer iterations, the same checks, time budgets relaxed for noise.
 * See docs/performance.md for what each figure means and how it is measured.
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureChromium } from '../../sandbox/chromium';
import { EXTENSION_DIR } from '../e2e/support/extension';
import {
  openChatApp,
  switchChats,
  TELEGRAM_K_TARGETS,
  WHATSAPP_TARGETS,
  type SwitchTiming,
} from './figures/chat-switch';
import { measureDrain } from './figures/drain';
import { contentScriptHeap } from './figures/memory';
import { measurePageCost, type PageSide } from './figures/page-cost';
import { FloorPoster, measureColdSaves, measureSaves, SAVED_EVENT, SavingChat, type SaveSteps } from './figures/save';
import { measureSizes } from './figures/size';
import { describeMachine } from './support/machine';
import { Profiling } from './support/profiling';
import { failed, figure, machineLines, ratioFigure, table, writeReport, type Figure } from './support/report';
import { openBenchSession, openExtensionPage, type BenchSession } from './support/session';

const short = process.env.BENCH_SHORT === '1' || process.argv.includes('--short');
const PLAN = short
  ? { saves: 30, coldSaves: 10, switches: 30, drainEvents: 1000, pageRounds: 9 }
  : { saves: 200, coldSaves: 30, switches: 100, drainEvents: 1000, pageRounds: 21 };
/** BENCH_ONLY=switch,save,cold,drain,page,size runs only those groups of figures (while looking into one of them). */
const only = process.env.BENCH_ONLY?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const runs = (group: string) => !only || only.includes(group);
const MUTATIONS = 10_000;
const MUTATIONS_PER_FRAME = 100;
/** After each chat switch: the lookup answered and the old chat's exit animation (250 ms in K) mostly done. */
const SWITCH_GAP_MS = 200;
const MB = 1e6;
const KB = 1e3;

const profiling = new Profiling(process.env.BENCH_PROFILE);
const figures: Figure[] = [];
const details: Record<string, unknown> = {};

/** Runs one group of figures; if it throws, its figures are reported as failed with the reason, and the bench goes on. */
async function phase(
  group: string,
  name: string,
  ids: Array<[id: string, label: string]>,
  run: () => Promise<void>,
): Promise<void> {
  if (!runs(group)) return;
  const started = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    await run();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? error.stack : reason}\n`);
    for (const [id, label] of ids) {
      if (!figures.some((known) => known.id === id))
        figures.push({ ...figure(id, label, 'ms', [], short), failure: reason });
    }
  }
  process.stderr.write(`bench: ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function sizes(): void {
  const measured = measureSizes(EXTENSION_DIR);
  details.size = measured;
  figures.push(
    figure(
      'size.content',
      'size: content script JS + CSS, gzipped',
      'kB',
      [measured.contentScript / KB],
      short,
      'contentScriptGzip',
    ),
  );
  figures.push(
    figure('size.background', 'size: background, gzipped', 'kB', [measured.background / KB], short, 'backgroundGzip'),
  );
}

function switchFigures(
  app: string,
  label: string,
  timings: SwitchTiming[],
  budget: 'chatSwitchTelegramK' | 'chatSwitchWhatsApp',
  pageChange: string,
): void {
  figures.push(
    figure(
      `switch.${app}`,
      `chat switch → panel, ${label} (from ${pageChange})`,
      'ms',
      timings.map((t) => t.fromPage),
      short,
      budget,
    ),
  );
  figures.push(
    figure(
      `switch.${app}.click`,
      `chat switch → panel, ${label} (from the click)`,
      'ms',
      timings.map((t) => t.fromClick),
      short,
    ),
  );
}

async function chatSwitchesAndMemory(session: BenchSession): Promise<void> {
  const { extension } = session;
  const half = PLAN.switches / 2;
  const telegram = await openChatApp(extension, 'telegram-k');
  const cdp = await extension.context.newCDPSession(telegram);
  const first = await profiling.page('switch-telegram-k', cdp, () =>
    switchChats(telegram, TELEGRAM_K_TARGETS, half, 1, SWITCH_GAP_MS),
  );
  const atHalf = await contentScriptHeap(cdp, extension.extensionId);
  const second = await switchChats(telegram, TELEGRAM_K_TARGETS, half, 1 + half, SWITCH_GAP_MS);
  const atEnd = await contentScriptHeap(cdp, extension.extensionId);
  await cdp.detach();
  await telegram.close();
  const timings = [...first, ...second];
  switchFigures('telegram-k', 'Telegram K', timings, 'chatSwitchTelegramK', 'the header change');
  const growth = ((atEnd.contentScript - atHalf.contentScript) / atHalf.contentScript) * 100;
  details.memory = { switches: PLAN.switches, atHalf, atEnd, growthPercent: growth };
  figures.push(
    figure(
      'memory.heap',
      `memory: content script heap after ${PLAN.switches} switches`,
      'MB',
      [atEnd.contentScript / MB],
      short,
      'contentScriptHeap',
    ),
  );
  figures.push(
    figure(
      'memory.growth',
      `memory: heap growth over the last ${half} switches`,
      '%',
      [growth],
      short,
      'contentScriptHeapGrowth',
    ),
  );

  const whatsapp = await openChatApp(extension, 'whatsapp');
  const whatsappTimings = await switchChats(whatsapp, WHATSAPP_TARGETS, PLAN.switches, 1, SWITCH_GAP_MS);
  await whatsapp.close();
  switchFigures('whatsapp', 'WhatsApp', whatsappTimings, 'chatSwitchWhatsApp', 'the first message of the chat');
  details.chatSwitch = { telegramK: timings, whatsapp: whatsappTimings, gapMs: SWITCH_GAP_MS };
}

async function saves(session: BenchSession, chat: SavingChat): Promise<void> {
  const floor = await FloorPoster.open(session);
  const { userDataDir, extensionId } = session.extension;
  const cdp = await chat.page.context().newCDPSession(chat.page);
  const run = await profiling.worker('save', userDataDir, extensionId, () =>
    profiling.page('save', cdp, () => measureSaves(session, chat, floor, PLAN.saves)),
  );
  await cdp.detach();
  const overhead = run.saves.map((save, index) => save.total - run.floors[index]!.total);
  details.save = run;
  const saveTotals = run.saves.map((s) => s.total);
  const baselineTotals = run.baselines.map((s) => s.total);
  figures.push(figure('save', 'Save → stored', 'ms', saveTotals, short));
  figures.push(
    figure(
      'save.baseline',
      'baseline extension: Save → stored (plain DOM, message, storage, POST)',
      'ms',
      baselineTotals,
      short,
    ),
  );
  figures.push(
    ratioFigure('save.ratio', 'Save → stored ÷ the baseline, per statistic', saveTotals, baselineTotals, short, [
      'saveVsBaselineMedian',
      'saveVsBaselineP95',
    ]),
  );
  figures.push(
    figure(
      'save.floor',
      'floor: the same POST by fetch from an extension page',
      'ms',
      run.floors.map((f) => f.total),
      short,
    ),
  );
  figures.push(figure('save.overhead', 'overhead: Save → stored minus the floor, per event', 'ms', overhead, short));
  const steps: Array<[keyof SaveSteps, string]> = [
    ['clickToWorker', 'click → message in the worker'],
    ['workerToQueued', '→ record in the outbox'],
    ['queuedToRequest', '→ POST at the platform'],
    ['atPlatform', '→ stored by the platform'],
  ];
  const sides: Array<[id: string, name: string, measured: SaveSteps[]]> = [
    ['step', 'Save', run.steps],
    ['baselineStep', 'baseline', run.baselineSteps],
  ];
  // Side by side, so the report shows where Save's time beyond the baseline's goes.
  for (const [step, label] of steps)
    for (const [id, name, measured] of sides)
      figures.push(
        figure(
          `save.${id}.${step}`,
          `${name}, step: ${label}`,
          'ms',
          measured.map((s) => s[step]),
          short,
        ),
      );
}

async function coldSaves(session: BenchSession, chat: SavingChat): Promise<void> {
  const run = await measureColdSaves(session, chat, PLAN.coldSaves);
  details.coldWorker = run;
  figures.push(
    figure(
      'save.cold',
      'cold worker: Save → stored, worker stopped',
      'ms',
      run.map((s) => s.total),
      short,
      'coldWorkerSave',
    ),
  );
}

async function drain(session: BenchSession, extensionPage: Page, chatPage: Page): Promise<void> {
  const { userDataDir, extensionId } = session.extension;
  const cdp = await chatPage.context().newCDPSession(chatPage);
  const run = await profiling.worker('drain', userDataDir, extensionId, () =>
    profiling.page('drain', cdp, () => measureDrain(session, extensionPage, chatPage, PLAN.drainEvents)),
  );
  await cdp.detach();
  details.drain = run;
  const row = figure(
    'drain',
    `outbox drain: ${run.events} events, platform back → all stored`,
    's',
    [run.allStoredMs / 1000],
    short,
    'outboxDrain',
  );
  const storedOnce = run.storedOnce === run.events && run.unexpected === 0;
  figures.push(
    storedOnce ? row : { ...row, failure: `${run.storedOnce} of ${run.events} stored, ${run.unexpected} unexpected` },
  );
}

async function pageCost(session: BenchSession): Promise<void> {
  const run = await measurePageCost(session, PLAN.pageRounds, MUTATIONS, MUTATIONS_PER_FRAME, profiling);
  details.pageCost = { ...run, mutations: MUTATIONS, perFrame: MUTATIONS_PER_FRAME };
  const cpu = (side: PageSide) => run.samples[side].map((sample) => sample.taskMs);
  figures.push(
    figure(
      'page.without',
      `page main thread, ${MUTATIONS} mutations, without the extension`,
      'ms',
      cpu('without'),
      short,
    ),
  );
  figures.push(
    figure(
      'page.closed',
      `page main thread, ${MUTATIONS} mutations, with it, panel closed`,
      'ms',
      cpu('closed'),
      short,
    ),
  );
  figures.push(
    figure('page.open', `page main thread, ${MUTATIONS} mutations, with it, panel open`, 'ms', cpu('open'), short),
  );
  figures.push(
    figure('page.closed.ratio', 'cost to the chat page, panel closed: with ÷ without', '×', run.closedRatios, short),
  );
  figures.push(
    figure('page.ratio', 'cost to the chat page, panel open: with ÷ without', '×', run.ratios, short, 'pageCostRatio'),
  );
}

async function main(): Promise<number> {
  ensureChromium();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: build it first (TRACKER_OUT_DIR=<dir> npx wxt build).`);
  }
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  await phase(
    'size',
    'size',
    [
      ['size.content', 'size: content script'],
      ['size.background', 'size: background'],
    ],
    async () => sizes(),
  );
  const session = await openBenchSession({ debuggingPort: profiling.enabled, baselineEvent: SAVED_EVENT });
  const machine = describeMachine(session.chromiumVersion);
  machine.loadAverage.start = loadAtStart;
  try {
    await phase(
      'switch',
      'chat switches and memory',
      [
        ['switch.telegram-k', 'chat switch → panel, Telegram K'],
        ['switch.whatsapp', 'chat switch → panel, WhatsApp'],
        ['memory.heap', 'memory: content script heap'],
      ],
      () => chatSwitchesAndMemory(session),
    );
    const chat = await SavingChat.open(session);
    await phase(
      'save',
      'Save → stored, the baseline and the floor',
      [
        ['save', 'Save → stored'],
        ['save.ratio', 'Save → stored ÷ the baseline'],
      ],
      () => saves(session, chat),
    );
    await phase('cold', 'cold worker', [['save.cold', 'cold worker: Save → stored']], () => coldSaves(session, chat));
    // Opened only now: Tracker Data's own pages listen to its storage, and a manager has none open while saving.
    const extensionPage = await openExtensionPage(session.extension);
    await phase('drain', 'outbox drain', [['drain', 'outbox drain']], () => drain(session, extensionPage, chat.page));
    await chat.page.close();
    await phase('page', 'cost to the chat page', [['page.ratio', 'cost to the chat page']], () => pageCost(session));
  } finally {
    await session.close();
  }
  machine.loadAverage.end = os.loadavg()[0] ?? 0;

  if (profiling.enabled) details.profiles = profiling.tops;
  const report = {
    mode: short ? ('short' as const) : ('full' as const),
    startedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    figures,
    details,
  };
  const jsonPath = resolve(process.env.BENCH_JSON ?? 'test-results/bench.json');
  writeReport(jsonPath, report);
  const broken = figures.filter(failed);
  process.stdout.write(
    `\nTracker Data bench (${report.mode} run, ${report.durationS.toFixed(0)} s)\n${machineLines(machine)}\n\n${table(figures)}\n\n`,
  );
  process.stdout.write(`JSON: ${jsonPath}\n`);
  process.stdout.write(
    broken.length
      ? `${broken.length} budget(s) broken: ${broken.map((f) => f.id).join(', ')}\n`
      : 'Every budget holds.\n',
  );
  return broken.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
