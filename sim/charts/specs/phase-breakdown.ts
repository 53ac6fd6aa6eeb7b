/**
 * Where startup time goes: mean push, pull and run seconds stacked per driver,
 * one panel per image category. The paper's "pull is 76% of startup" is the
 * share of the middle segment for AUFS.
 */
import type { TopLevelSpec } from 'vega-lite';
import { onlyWhere, requireColumns } from '../require.ts';
import { distinct, groupBy, mean, numberAt, numbers, type Row } from '../rows.ts';
import { driverColourScale, themed } from '../theme.ts';

export interface PhaseBreakdownOptions {
  /** Keep only this cycle; default all, one row of panels per cycle. */
  cycle?: string;
  /** Phase columns in stacking order; default push_s, pull_s, run_s. */
  phases?: string[];
}

const PHASE_COLOURS = ['#9ecae1', '#3182bd', '#fd8d3c', '#74c476', '#bcbddc'];

/**
 * Stacked bars of mean seconds per phase, for each driver and category (and
 * cycle, when the rows hold several). Missing phase cells count as 0 s.
 */
export function phaseBreakdown(
  rows: readonly Row[],
  options: PhaseBreakdownOptions = {},
): TopLevelSpec {
  const asked = options.phases ?? ['push_s', 'pull_s', 'run_s'];
  requireColumns(rows, ['driver'], 'phase breakdown');
  // A deployment-only run leaves push empty; draw the phases that have data.
  const phaseColumns = asked.filter((column) => numbers(rows, column).length > 0);
  requireColumns(rows, phaseColumns.length > 0 ? phaseColumns : asked, 'phase breakdown');
  const kept = onlyWhere(rows, 'cycle', options.cycle);
  const withKeys = kept.map((row) => ({ category: 'all', cycle: '', ...row }));

  const values = [];
  for (const { key, rows: group } of groupBy(withKeys, ['cycle', 'driver', 'category'])) {
    const [cycle, driver, category] = key;
    const containers = group.length;
    for (const [order, column] of phaseColumns.entries()) {
      const seconds = mean(group.map((row) => numberAt(row, column) ?? 0));
      const phase = column.replace(/_s$/, '');
      values.push({ cycle, driver, category, phase, order, seconds, containers });
    }
  }
  const cycles = distinct(values, 'cycle');
  const drivers = distinct(values, 'driver');
  const phases = phaseColumns.map((c) => c.replace(/_s$/, ''));

  const encoding: Record<string, unknown> = {
    x: {
      field: 'driver',
      type: 'nominal',
      title: null,
      sort: driverColourScale(drivers).domain,
    },
    y: { field: 'seconds', type: 'quantitative', title: 'mean time (s)', stack: 'zero' },
    color: {
      field: 'phase',
      type: 'nominal',
      scale: { domain: phases, range: PHASE_COLOURS.slice(0, phases.length) },
      sort: phases,
    },
    order: { field: 'order', type: 'quantitative' },
    column: { field: 'category', type: 'nominal', title: 'category' },
  };
  if (cycles.length > 1) {
    encoding.row = { field: 'cycle', type: 'nominal', title: 'cycle' };
  }

  const which = options.cycle ? `${options.cycle} cycle, ` : '';
  const subtitle = `${which}mean over ${kept.length} containers`;
  return themed('Startup time by phase', subtitle, {
    data: { values },
    width: { step: 28 },
    height: 220,
    mark: { type: 'bar' },
    encoding,
  });
}
