/**
 * One metric over simulated time, a line per driver when the table has one:
 * e.g. registry egress during a flash crowd.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatOf, labelOf, titleOf } from '../labels.ts';
import { onlyWhere, requireColumns } from '../require.ts';
import { distinct, numberAt, textAt, type Row } from '../rows.ts';
import { driverColourScale, themed } from '../theme.ts';

/**
 * A line chart of `metric` against `time_s` (seconds) from a long table with
 * columns time_s, metric, value and an optional driver.
 *
 * @example timeSeries(timeseries, 'registry_egress_bytes_per_s')
 */
export function timeSeries(rows: readonly Row[], metric: string): TopLevelSpec {
  requireColumns(rows, ['time_s', 'metric', 'value'], 'time series');
  const kept = onlyWhere(rows, 'metric', metric);

  const values = [];
  for (const row of kept) {
    const time = numberAt(row, 'time_s');
    const value = numberAt(row, 'value');
    if (time === undefined || value === undefined) continue;
    values.push({ time_s: time, value, driver: textAt(row, 'driver') ?? '' });
  }
  const drivers = distinct(values, 'driver').filter((d) => d !== '');

  const encoding: Record<string, unknown> = {
    x: { field: 'time_s', type: 'quantitative', title: 'simulated time (s)' },
    y: {
      field: 'value',
      type: 'quantitative',
      title: labelOf(metric),
      axis: formatOf(metric) ? { format: formatOf(metric) } : {},
    },
  };
  if (drivers.length > 0) {
    encoding.color = {
      field: 'driver',
      type: 'nominal',
      scale: driverColourScale(drivers),
    };
  }
  return themed(`${titleOf(metric)} over time`, metric, {
    data: { values },
    mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
    encoding,
  });
}
