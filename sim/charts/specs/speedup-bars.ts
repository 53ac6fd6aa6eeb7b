/**
 * Per-image speedup of one driver over another (baseline time / target time),
 * the paper's "5x faster deployment, 20x faster development" in picture form.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../errors.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { groupBy, numbers, quantile, textAt, type Row } from '../rows.ts';
import { themed } from '../theme.ts';
import { defaultCycle } from './per-image-bars.ts';

export interface SpeedupBarsOptions {
  /** The slower reference driver; default `aufs`. */
  baseline?: string;
  /** The driver whose speedup is shown; default `slacker`. */
  target?: string;
  /** Keep only this cycle; default `deployment` when rows have it. */
  cycle?: string;
  /** Column with the time compared; default `total_s` (seconds). */
  value?: string;
  /** Log-scaled speedup axis. */
  logScale?: boolean;
}

/** One image's speedup: median baseline time over median target time. */
export interface ImageSpeedup {
  image: string;
  category: string;
  baselineSec: number;
  targetSec: number;
  speedup: number;
}

/**
 * Speedups per image, sorted from largest to smallest. Images that lack
 * either driver (or whose target time is 0) are left out.
 */
export function imageSpeedups(
  rows: readonly Row[],
  options: SpeedupBarsOptions = {},
): ImageSpeedup[] {
  const baseline = options.baseline ?? 'aufs';
  const target = options.target ?? 'slacker';
  const value = options.value ?? 'total_s';
  requireColumns(rows, ['image', 'driver', value], 'speedup');
  const kept = onlyWhere(rows, 'cycle', options.cycle ?? defaultCycle(rows));

  const out: ImageSpeedup[] = [];
  for (const { key, rows: group } of groupBy(kept, ['image'])) {
    const median = (driver: string) =>
      quantile(
        numbers(
          group.filter((r) => r.driver === driver),
          value,
        ),
        0.5,
      );
    const baselineSec = median(baseline);
    const targetSec = median(target);
    if (!(targetSec > 0) || Number.isNaN(baselineSec)) continue;
    const category = textAt(group[0]!, 'category') ?? '';
    out.push({
      image: key[0]!,
      category,
      baselineSec,
      targetSec,
      speedup: baselineSec / targetSec,
    });
  }
  if (out.length === 0) {
    throw new InputError(
      'no image was run with both drivers',
      { key: 'driver' },
      {
        expected: `rows for both ${baseline} and ${target}`,
        found: [...new Set(kept.map((r) => String(r.driver)))].join(', '),
      },
    );
  }
  return out.sort((a, b) => b.speedup - a.speedup || a.image.localeCompare(b.image));
}

/**
 * Bars of the per-image speedup (a ratio, no unit), coloured by image
 * category, with a rule at 1x (no change) and the median in the subtitle.
 */
export function speedupBars(
  rows: readonly Row[],
  options: SpeedupBarsOptions = {},
): TopLevelSpec {
  const baseline = options.baseline ?? 'aufs';
  const target = options.target ?? 'slacker';
  const cycle = options.cycle ?? defaultCycle(rows);
  const values = imageSpeedups(rows, { ...options, cycle });
  const median = quantile(
    values.map((v) => v.speedup),
    0.5,
  );

  const title = `Speedup of ${target} over ${baseline}`;
  const subtitle =
    `${cycle ? `${cycle} cycle, ` : ''}median ${median.toFixed(1)}x over ` +
    `${values.length} images (${baseline} time / ${target} time)`;
  const x = {
    field: 'speedup',
    type: 'quantitative',
    title: `speedup (${baseline} time / ${target} time, x)`,
    scale: options.logScale ? { type: 'log' } : { zero: true },
  };
  return themed(title, subtitle, {
    data: { values },
    height: { step: 14 },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'image', type: 'nominal', title: 'image', sort: '-x' },
          color: { field: 'category', type: 'nominal', title: 'category' },
          tooltip: [{ field: 'image' }, { field: 'speedup', format: '.2f' }],
        },
      },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
        encoding: { x: { field: 'one', type: 'quantitative' } },
      },
    ],
  });
}
