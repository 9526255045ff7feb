import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUDGETS, effectiveLimit, type BudgetName, type Stat, type Unit } from '../budgets';
import type { Machine } from './machine';
import { summarize, type Summary } from './stats';

export interface Figure extends Summary {
  id: string;
  label: string;
  unit: Unit;
  budget?: { name: BudgetName; stat: Stat; limit: number; pass: boolean };
  /** Why a figure failed outright (a check that is not a number, e.g. an event stored twice). */
  failure?: string;
}

export function figure(id: string, label: string, unit: Unit, samples: readonly number[], short: boolean, budgetName?: BudgetName): Figure {
  const summary = summarize(samples);
  if (!budgetName) return { id, label, unit, ...summary };
  const budget = BUDGETS[budgetName];
  const limit = effectiveLimit(budget, short);
  const value = summary[budget.stat];
  return { id, label, unit, ...summary, budget: { name: budgetName, stat: budget.stat, limit, pass: value <= limit } };
}

export function failed(figure: Figure): boolean {
  return figure.failure !== undefined || figure.budget?.pass === false;
}

function format(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  const digits = unit === '×' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

/** The one table the bench prints, in Markdown so docs/performance.md can take it as it is. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const budget = f.budget ? `${f.budget.stat} ≤ ${format(f.budget.limit, f.unit)}` : '—';
    const verdict = f.failure ? `FAIL: ${f.failure}` : f.budget ? (f.budget.pass ? 'ok' : 'OVER') : '';
    return [f.label, f.unit, String(f.count), format(f.median, f.unit), format(f.p95, f.unit), format(f.max, f.unit), budget, verdict];
  });
  const header = ['figure', 'unit', 'n', 'median', 'p95', 'max', 'budget', 'result'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
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
