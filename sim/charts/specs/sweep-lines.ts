/**
 * A sweep's metric against one parameter, one line per value of another:
 * "p99 startup against workers, a line per cache size".
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatOf, labelOf, titleOf } from '../labels.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { groupBy, isNumeric, mean, numbers, type Row } from '../rows.ts';
import { themed } from '../theme.ts';

/**
 * Lines of the mean `metric` value against parameter `x`, one line per value
 * of parameter `colour` (or a single line when it is omitted), from a long
 * sweep table (point, parameters..., metric, value).
 *
 * @example sweepLines(sweep, 'workers', 'p99_startup_s', 'cache_gb')
 */
export function sweepLines(
  rows: readonly Row[],
  x: string,
  metric: string,
  colour?: string,
): TopLevelSpec {
  requireColumns(
    rows,
    colour ? [x, colour, 'metric', 'value'] : [x, 'metric', 'value'],
    'sweep lines',
  );
  const kept = onlyWhere(rows, 'metric', metric);
  const keys = colour ? [x, colour] : [x];
  const values = groupBy(kept, keys).map(({ rows: group }) => {
    const out: Record<string, unknown> = {
      [x]: group[0]![x],
      value: mean(numbers(group, 'value')),
    };
    if (colour) out[colour] = group[0]![colour];
    return out;
  });

  const numericX = isNumeric(values, x);
  const xs = numbers(values, x);
  // Sweeps are often geometric (10, 100, 1000 workers); a log axis spaces them evenly.
  const logX =
    numericX && Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 100;
  const encoding: Record<string, unknown> = {
    x: {
      field: x,
      type: numericX ? 'quantitative' : 'ordinal',
      title: labelOf(x),
      scale: logX ? { type: 'log' } : {},
    },
    y: {
      field: 'value',
      type: 'quantitative',
      title: labelOf(metric),
      axis: formatOf(metric) ? { format: formatOf(metric) } : {},
    },
  };
  if (colour) {
    encoding.color = {
      field: colour,
      type: isNumeric(values, colour) ? 'ordinal' : 'nominal',
      title: labelOf(colour),
    };
  }
  const by = colour ? `, a line per ${labelOf(colour)}` : '';
  return themed(`${titleOf(metric)} against ${labelOf(x)}`, `${metric}${by}`, {
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding,
  });
}
