/**
 * A sweep's metric over a grid of two parameters, as coloured cells with the
 * value printed in each: "which cache size keeps p99 under 2 s at 1,000
 * workers?" is read straight off it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatOf, labelOf, titleOf } from '../labels.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { groupBy, isNumeric, mean, numbers, type Row } from '../rows.ts';
import { themed } from '../theme.ts';

/**
 * Heat map of the mean `metric` value for each (x, y) pair of parameter
 * values, from a long sweep table (point, parameters..., metric, value).
 * Points that differ in other parameters are averaged together.
 *
 * @example sweepHeatmap(sweep, 'workers', 'cache_gb', 'p99_startup_s')
 */
export function sweepHeatmap(
  rows: readonly Row[],
  x: string,
  y: string,
  metric: string,
): TopLevelSpec {
  requireColumns(rows, [x, y, 'metric', 'value'], 'sweep heat map');
  const kept = onlyWhere(rows, 'metric', metric);
  const values = groupBy(kept, [x, y]).map(({ rows: cell }) => ({
    [x]: cell[0]![x],
    [y]: cell[0]![y],
    value: mean(numbers(cell, 'value')),
    points: cell.length,
  }));
  const averaged = values.some((v) => v.points > 1);

  const axis = (field: string) => ({
    field,
    type: 'ordinal',
    title: labelOf(field),
    sort: isNumeric(values, field) ? 'ascending' : null,
    axis: { labelAngle: 0 },
  });
  const format = formatOf(metric) ?? '.3~g';
  const encoding = {
    x: axis(x),
    y: { ...axis(y), sort: isNumeric(values, y) ? 'descending' : null },
  };
  const subtitle = averaged ? `${metric}, mean over the other parameters` : metric;
  // Dark cells (high values in this scheme) need light text.
  const cellValues = values.map((v) => v.value).filter(Number.isFinite);
  const midpoint = (Math.min(...cellValues) + Math.max(...cellValues)) / 2;
  const title = `${titleOf(metric)} by ${labelOf(x)} and ${labelOf(y)}`;
  return themed(title, subtitle, {
    data: { values },
    width: { step: 56 },
    height: { step: 32 },
    encoding,
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: labelOf(metric),
            scale: { scheme: 'yellowgreenblue' },
            legend: { format },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative', format },
          color: {
            condition: { test: `datum.value > ${midpoint}`, value: 'white' },
            value: '#222',
          },
        },
      },
    ],
  });
}
