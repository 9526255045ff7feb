import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { markdownTable } from '../support/report';
import { percentile } from '../support/stats';
import { holds, limitFor, SERVER_BUDGETS, type ServerBudgetName, type Stat } from './budgets';

export type Unit = 'events/s' | 'ms' | '×' | 'postbacks';

export interface ServerFigure {
  id: string;
  label: string;
  unit: Unit;
  count: number;
  median: number;
  p95: number;
  p99: number;
  budget?: { name: ServerBudgetName; stat: Stat; rule: 'atLeast' | 'below'; limit: number; pass: boolean };
  /** Why the figure failed outright: the target refused events, or did not start. */
  failure?: string;
}

export function serverFigure(
  id: string,
  label: string,
  unit: Unit,
  samples: readonly number[],
  short: boolean,
  budgetName?: ServerBudgetName,
): ServerFigure {
  const sorted = [...samples].sort((a, b) => a - b);
  const summary = {
    count: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
  if (!budgetName) return { id, label, unit, ...summary };
  const budget = SERVER_BUDGETS[budgetName];
  const limit = limitFor(budget, short);
  const pass = holds(budget, summary[budget.stat], limit);
  return {
    id,
    label,
    unit,
    ...summary,
    budget: { name: budgetName, stat: budget.stat, rule: budget.rule, limit, pass },
  };
}

export function failedFigure(id: string, label: string, unit: Unit, failure: string): ServerFigure {
  return { id, label, unit, count: 0, median: Number.NaN, p95: Number.NaN, p99: Number.NaN, failure };
}

export function broken(figure: ServerFigure): boolean {
  return figure.failure !== undefined || figure.budget?.pass === false;
}

function format(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  const digits = unit === '×' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

/** The table the bench prints, in Markdown so docs/performance.md can take it as it is. */
export function serverTable(figures: readonly ServerFigure[]): string {
  const rows = figures.map((f) => {
    const budget = f.budget
      ? `${f.budget.stat} ${f.budget.rule === 'atLeast' ? '≥' : '<'} ${format(f.budget.limit, f.unit)}`
      : '—';
    const verdict = f.failure ? `FAIL: ${f.failure}` : f.budget ? (f.budget.pass ? 'ok' : 'OVER') : '';
    return [
      f.label,
      f.unit,
      String(f.count),
      format(f.median, f.unit),
      format(f.p95, f.unit),
      format(f.p99, f.unit),
      budget,
      verdict,
    ];
  });
  return markdownTable(['figure', 'unit', 'n', 'median', 'p95', 'p99', 'budget', 'result'], rows);
}

export function writeJson(path: string, report: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
