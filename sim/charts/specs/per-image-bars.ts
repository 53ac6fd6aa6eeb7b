/**
 * Per-image startup time, one bar (or dot) per driver for each image: the
 * paper's per-image figure, where the gap between drivers is the story.
 */
import type { TopLevelSpec } from 'vega-lite';
import { labelOf } from '../labels.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { distinct, groupBy, numbers, quantile, type Row } from '../rows.ts';
import { driverColourScale, themed } from '../theme.ts';

export interface PerImageBarsOptions {
  /** Keep only this cycle; default `deployment` when rows have it, else all. */
  cycle?: string;
  /** Column with the time to plot; default `total_s` (seconds). */
  value?: string;
  /** `bar` draws grouped bars, `dot` a dot plot (better with many drivers). */
  mark?: 'bar' | 'dot';
  /** Log-scaled time axis. */
  logScale?: boolean;
}

/**
 * Median startup time (seconds) per image and driver, images sorted from
 * slowest to fastest, drivers side by side.
 *
 * @example perImageBars(containers, { mark: 'dot', logScale: true })
 */
export function perImageBars(
  rows: readonly Row[],
  options: PerImageBarsOptions = {},
): TopLevelSpec {
  const value = options.value ?? 'total_s';
  requireColumns(rows, ['image', 'driver', value], 'per-image');
  const cycle = options.cycle ?? defaultCycle(rows);
  const kept = onlyWhere(rows, 'cycle', cycle);

  const values = groupBy(kept, ['image', 'driver']).flatMap(({ key, rows: group }) => {
    const times = numbers(group, value);
    if (times.length === 0) return [];
    const [image, driver] = key;
    return [{ image, driver, [value]: quantile(times, 0.5), containers: times.length }];
  });
  const drivers = distinct(values, 'driver');

  const x = {
    field: value,
    type: 'quantitative',
    title: `median ${labelOf(value)}`,
    scale: options.logScale ? { type: 'log' } : { zero: true },
  };
  const y = {
    field: 'image',
    type: 'nominal',
    title: 'image',
    sort: { op: 'max', field: value, order: 'descending' },
  };
  const color = { field: 'driver', type: 'nominal', scale: driverColourScale(drivers) };
  const dot = options.mark === 'dot';
  const encoding: Record<string, unknown> = { x, y, color };
  if (!dot)
    encoding.yOffset = { field: 'driver', type: 'nominal', sort: color.scale.domain };

  const images = distinct(values, 'image').length;
  const subtitle = `${cycle ? `${cycle} cycle, ` : ''}${images} images, median per image`;
  return themed('Startup time per image', subtitle, {
    data: { values },
    height: { step: dot ? 16 : 4 + 8 * Math.max(1, drivers.length) },
    mark: dot ? { type: 'point', filled: true, size: 60 } : { type: 'bar' },
    encoding,
  });
}

/** The deployment cycle is the paper's per-image comparison; use it when present. */
export function defaultCycle(rows: readonly Row[]): string | undefined {
  const cycles = distinct(rows, 'cycle');
  if (cycles.length <= 1) return undefined;
  return cycles.includes('deployment') ? 'deployment' : cycles[0];
}
