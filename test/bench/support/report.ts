import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUDGETS, effectiveLimit, judgedIn, type BudgetName, type Stat, type Unit } from '../budgets';
import type { Machine } from './machine';
import { summarize, type Summary } from './stats';

export interface Figure extends Summary {
  id: string;
  label: string;
  unit: Unit;
  /** `judged`: whether a broken budget fails this run (absolute times are only reported in the short run). */
  budgets?: Array<{ name: BudgetName; stat: Stat; limit: number; pass: boolean; judged: boolean }>;
  /** Why a figure failed outright (a check that is not a number, e.g. an event stored twice). */
  failure?: string;
}

export function figure(
  id: string,
  label: string,
  unit: Unit,
  samples: readonly number[],
  short: boolean,
  budgetName?: BudgetName,
): Figure {
  return judged({ id, label, unit, ...summarize(samples) }, short, budgetName ? [budgetName] : []);
}

/** Each statistic of `samples` divided by the same statistic of `baseline`, measured alongside. */
export function ratioFigure(
  id: string,
  label: string,
  samples: readonly number[],
  baseline: readonly number[],
  short: boolean,
  budgetNames: BudgetName[],
): Figure {
  const ours = summarize(samples);
  const theirs = summarize(baseline);
  const ratios = {
    count: ours.count,
    median: ours.median / theirs.median,
    p95: ours.p95 / theirs.p95,
    max: ours.max / theirs.max,
  };
  return judged({ id, label, unit: '×', ...ratios }, short, budgetNames);
}

function judged(figure: Figure, short: boolean, budgetNames: BudgetName[]): Figure {
  if (!budgetNames.length) return figure;
  const budgets = budgetNames.map((name) => {
    const budget = BUDGETS[name];
    const limit = effectiveLimit(budget, short);
    return { name, stat: budget.stat, limit, pass: figure[budget.stat] <= limit, judged: judgedIn(budget, short) };
  });
  return { ...figure, budgets };
}

export function failed(figure: Figure): boolean {
  return figure.failure !== undefined || (figure.budgets ?? []).some((budget) => !budget.pass && budget.judged);
}

/** Over a budget this run only reports. */
function overUnjudged(figure: Figure): boolean {
  return (figure.budgets ?? []).some((budget) => !budget.pass && !budget.judged);
}

function format(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  const digits = unit === '×' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

/** The one table the bench prints, in Markdown so docs/performance.md can take it as it is. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const budget = f.budgets ? f.budgets.map((b) => `${b.stat} ≤ ${format(b.limit, f.unit)}`).join(', ') : '—';
    const verdict = f.failure
      ? `FAIL: ${f.failure}`
      : f.budgets
        ? failed(f)
          ? 'OVER'
          : overUnjudged(f)
            ? 'over, reported only'
            : 'ok'
        : '';
    return [
      f.label,
      f.unit,
      String(f.count),
      format(f.median, f.unit),
      format(f.p95, f.unit),
      format(f.max, f.unit),
      budget,
      verdict,
    ];
  });
  return markdownTable(['figure', 'unit', 'n', 'median', 'p95', 'max', 'budget', 'result'], rows);
}

/** A Markdown table with padded columns, so docs/performance.md can take a bench's output as it is. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function machineLines(machine: Machine): string {
  const load = `${machine.loadAverage.start.toFixed(2)} → ${machine.loadAverage.end?.toFixed(2) ?? '?'}`;
  return [
    `CPU: ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGiB} GiB`,
    `OS: ${machine.os}`,
    `Chromium ${machine.chromium}, Node ${machine.node}, 1-min load average ${load}`,
  ].join('\n');
}

export interface BenchReport {
  mode: 'full' | 'short';
  startedAt: string;
  durationS: number;
  machine: Machine;
  figures: Figure[];
  /** Raw samples and side measurements, per figure, for whoever wants to look closer. */
  details: Record<string, unknown>;
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
