// The performance budgets (bench/budgets.json) and the check of measured figures against them.
import { readFileSync } from 'node:fs';

/** Figures by name, e.g. "scroll.p95FrameMs"; all "lower is better". */
export type Figures = Record<string, number>;

export interface Budget {
  max: number;
  /** What the figure is, for the printed table. */
  label: string;
  /** Deterministic figures (sizes) get no noise margin. */
  exact?: boolean;
}

export interface Budgets {
  /** How far (percent) a timing may exceed its budget before it counts as broken. */
  noiseMarginPct: number;
  budgets: Record<string, Budget>;
}

export interface CheckRow {
  name: string;
  label: string;
  value: number | null;
  budget: number;
  limit: number;
  status: 'ok' | 'over budget (within noise)' | 'BROKEN' | 'not measured';
}

export function loadBudgets(file = new URL('./budgets.json', import.meta.url)): Budgets {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Budgets;
  if (typeof parsed.noiseMarginPct !== 'number' || typeof parsed.budgets !== 'object')
    throw new Error('bench/budgets.json needs "noiseMarginPct" and "budgets".');
  return parsed;
}

export function checkFigures(figures: Figures, budgets: Budgets): CheckRow[] {
  return Object.entries(budgets.budgets).map(([name, budget]) => {
    const value = figures[name];
    const limit = budget.exact ? budget.max : budget.max * (1 + budgets.noiseMarginPct / 100);
    let status: CheckRow['status'];
    if (value === undefined || !Number.isFinite(value)) status = 'not measured';
    else if (value <= budget.max) status = 'ok';
    else if (value <= limit) status = 'over budget (within noise)';
    else status = 'BROKEN';
    return { name, label: budget.label, value: value ?? null, budget: budget.max, limit, status };
  });
}

export function broken(rows: CheckRow[]): CheckRow[] {
  return rows.filter((row) => row.status === 'BROKEN');
}

export function formatCheck(rows: CheckRow[]): string {
  const cells = rows.map((row) => [
    row.label,
    row.value == null ? '—' : row.value.toFixed(1),
    String(row.budget),
    row.limit.toFixed(1),
    row.status,
  ]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...cells.map((r) => r[c]?.length ?? 0)));
  return cells.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}
