/**
 * The numbers a reader wants next to the startup charts: per cycle and
 * driver, how many containers, the median and tail startup time, and the
 * share of it spent pulling (the paper's "pulling is 76% of startup").
 */
import { groupBy, numbers, quantile, type Row } from './rows.ts';

/** A small table ready to print: column titles and rows of cells. */
export interface SummaryTable {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * Startup summary of a containers table. Times are seconds (3 significant
 * decimals), the pull share a percentage of summed total time.
 */
export function startupSummary(rows: readonly Row[]): SummaryTable {
  const columns = [
    'cycle',
    'driver',
    'containers',
    'median (s)',
    'p90 (s)',
    'p99 (s)',
    'max (s)',
    'pull share (%)',
  ];
  const withCycle = rows.map((row) => ({ cycle: '', ...row }));
  const out: (string | number)[][] = [];
  for (const { key, rows: group } of groupBy(withCycle, ['cycle', 'driver'])) {
    const totals = numbers(group, 'total_s');
    if (totals.length === 0) continue;
    const pullSec = numbers(group, 'pull_s').reduce((a, b) => a + b, 0);
    const totalSec = totals.reduce((a, b) => a + b, 0);
    out.push([
      key[0]!,
      key[1]!,
      totals.length,
      round(quantile(totals, 0.5)),
      round(quantile(totals, 0.9)),
      round(quantile(totals, 0.99)),
      round(Math.max(...totals)),
      totalSec > 0 ? round((100 * pullSec) / totalSec, 1) : '',
    ]);
  }
  return { columns, rows: out };
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
