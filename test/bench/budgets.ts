/**
 * The budgets of issue 6, one line per figure; Save's are ratios to a minimal extension measured in the same run
 * (issue 19). The short CI run keeps every check and relaxes only what machine noise moves: the page-cost ratio's
 * allowance over 1 ×1.5 (1.05 → 1.075). Absolute times (cold worker, chat switches, drain) have no baseline in the
 * run, and a shared CI machine's load moves them threefold: the short run reports them against their limit ×1.5 but
 * does not fail on them; the full run judges them. Heap and sizes are not noisy, and a ratio to a baseline measured
 * alongside carries the machine's noise on both sides: those are never relaxed, and fail either run.
 */
export type Stat = 'median' | 'p95' | 'max';
export type Unit = 'ms' | 's' | '×' | 'MB' | '%' | 'kB';

export interface Budget {
  stat: Stat;
  limit: number;
  /** What noise can move: decides how the short run relaxes the limit. */
  noise: 'time' | 'ratio' | 'baseline' | 'none';
}

export const SHORT_RUN_TIME_FACTOR = 1.5;

export const BUDGETS = {
  saveVsBaselineMedian: { stat: 'median', limit: 1.2, noise: 'baseline' },
  saveVsBaselineP95: { stat: 'p95', limit: 1.5, noise: 'baseline' },
  coldWorkerSave: { stat: 'p95', limit: 300, noise: 'time' },
  chatSwitchTelegramK: { stat: 'p95', limit: 50, noise: 'time' },
  chatSwitchWhatsApp: { stat: 'p95', limit: 50, noise: 'time' },
  outboxDrain: { stat: 'max', limit: 10, noise: 'time' },
  pageCostRatio: { stat: 'median', limit: 1.05, noise: 'ratio' },
  contentScriptHeap: { stat: 'max', limit: 8, noise: 'none' },
  contentScriptHeapGrowth: { stat: 'max', limit: 5, noise: 'none' },
  // 86.5 → 92.5 kB with issue 17's panel (click id by hand and from the first message, each event's deliveries), its
  // wording in two languages (docs/performance.md, "Size").
  contentScriptGzip: { stat: 'max', limit: 95, noise: 'none' },
  backgroundGzip: { stat: 'max', limit: 40, noise: 'none' },
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;

/** Whether a broken budget fails this run: absolute times only in the full run (see above). */
export function judgedIn(budget: Budget, short: boolean): boolean {
  return !(short && budget.noise === 'time');
}

/** The limit a run checks against: the budget itself, or its noise-relaxed form in the short run. */
export function effectiveLimit(budget: Budget, short: boolean): number {
  if (!short) return budget.limit;
  if (budget.noise === 'time') return budget.limit * SHORT_RUN_TIME_FACTOR;
  if (budget.noise === 'ratio') return 1 + (budget.limit - 1) * SHORT_RUN_TIME_FACTOR;
  return budget.limit;
}
