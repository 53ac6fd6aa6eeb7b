/**
 * Startup-time CDF: for each driver (or other group), the fraction of
 * containers ready within t seconds. The paper's headline comparison reads
 * off this chart: where the curves cross 0.5 is each driver's median.
 */
import type { TopLevelSpec } from 'vega-lite';
import { labelOf } from '../labels.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { distinct, numberAt, textAt, type Row } from '../rows.ts';
import { driverColourScale, themed } from '../theme.ts';

export interface StartupCdfOptions {
  /** Column that splits the curves; default `driver`. */
  groupBy?: string;
  /** Column holding the time to plot; default `total_s` (seconds). */
  value?: string;
  /** Keep only this cycle (`deployment` or `development`); default all. */
  cycle?: string;
  /** Log-scaled time axis, for runs spanning orders of magnitude. */
  logScale?: boolean;
}

/**
 * An empirical CDF of container startup time (seconds) per group. When rows
 * hold more than one cycle, each cycle gets its own dash pattern.
 *
 * @example startupCdf(containers, { groupBy: 'driver', cycle: 'deployment' })
 */
export function startupCdf(
  rows: readonly Row[],
  options: StartupCdfOptions = {},
): TopLevelSpec {
  const groupBy = options.groupBy ?? 'driver';
  const value = options.value ?? 'total_s';
  requireColumns(rows, [groupBy, value], 'startup CDF');
  const kept = onlyWhere(rows, 'cycle', options.cycle);

  const values = [];
  for (const row of kept) {
    const seconds = numberAt(row, value);
    const group = textAt(row, groupBy);
    if (seconds === undefined || group === undefined) continue;
    values.push({
      [groupBy]: group,
      cycle: textAt(row, 'cycle') ?? '',
      [value]: seconds,
    });
  }
  const cycles = distinct(values, 'cycle');
  const groups = distinct(values, groupBy);

  const colour =
    groupBy === 'driver'
      ? {
          field: groupBy,
          type: 'nominal',
          scale: driverColourScale(groups),
          title: groupBy,
        }
      : { field: groupBy, type: 'nominal', title: groupBy };
  const encoding: Record<string, unknown> = {
    x: {
      field: value,
      type: 'quantitative',
      title: labelOf(value),
      scale: options.logScale ? { type: 'log' } : { zero: true },
    },
    y: {
      field: 'fraction',
      type: 'quantitative',
      title: 'fraction of containers ready',
      scale: { domain: [0, 1] },
      axis: { format: '.0%' },
    },
    color: colour,
  };
  if (cycles.length > 1) encoding.strokeDash = { field: 'cycle', type: 'nominal' };

  const which = options.cycle ? `${options.cycle} cycle, ` : '';
  return themed('Container startup time', `${which}${values.length} containers`, {
    data: { values },
    transform: [
      {
        window: [{ op: 'cume_dist', as: 'fraction' }],
        sort: [{ field: value, order: 'ascending' }],
        groupby: cycles.length > 1 ? [groupBy, 'cycle'] : [groupBy],
      },
    ],
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding,
  });
}
