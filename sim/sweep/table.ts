/**
 * The sweep's result table, long format: one row per point and metric,
 * `point, <one column per swept key path>, metric, value`, as CSV and as an
 * Arrow IPC file (for pandas, R, Observable, DuckDB). Values are rounded to
 * 6 significant digits, as in a run's summary.json, so tables compare byte
 * for byte and both formats hold the same numbers.
 */
import { join } from 'node:path';
// flechette is the Arrow library inside arquero 8; only its type constructors are used.
import { dictionary, float64, int32, utf8, type DataType } from '@uwdata/flechette';
import { table, toArrowIPC } from 'arquero';
import { writeFileAtomic } from '../output/atomic.ts';
import { toCsv, type Cell } from '../output/csv.ts';
import type { PointRecord } from './point.ts';
import { cellValue } from './values.ts';
import { roundForFile } from '../output/round.ts';

export type SweepRow = Record<string, Cell>;

/** The fixed columns; parameters go between `point` and `metric`. */
export function sweepColumns(parameters: readonly string[]): string[] {
  return ['point', ...parameters, 'metric', 'value'];
}

/** Rows for `records` (sorted by point), keeping metrics `keep` accepts. */
export function sweepRows(
  parameters: readonly string[],
  records: readonly PointRecord[],
  keep: (metric: string) => boolean = () => true,
): SweepRow[] {
  const rows: SweepRow[] = [];
  for (const record of [...records].sort((a, b) => a.point - b.point)) {
    const params = parameters.map((p) => cellValue(record.params[p]));
    for (const [metric, value] of Object.entries(record.metrics)) {
      if (!keep(metric)) continue;
      const row: SweepRow = { point: record.point };
      parameters.forEach((p, i) => (row[p] = params[i]));
      row.metric = metric;
      row.value = roundForFile(value);
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The rows as Arrow IPC file bytes (the Feather v2 format). A parameter
 * column is integer or float when all its values are, text otherwise
 * (dictionary-encoded, like `metric`: a category in pandas, a factor in R).
 */
export function sweepArrow(
  parameters: readonly string[],
  rows: readonly SweepRow[],
): Uint8Array {
  // Types are given, not inferred: an empty table (a shard with no points)
  // has no values to infer them from.
  const text = () => dictionary(utf8(), int32());
  const columns: Record<string, unknown> = {
    point: Int32Array.from(rows, (r) => r.point as number),
  };
  const types: Record<string, DataType> = { point: int32(), metric: text(), value: float64() };
  for (const p of parameters) {
    const values = rows.map((r) => r[p]);
    // Without rows nothing says the column is numeric: text is the usual case.
    if (values.length > 0 && values.every(isInt32)) {
      columns[p] = Int32Array.from(values as number[]);
      types[p] = int32();
    } else if (values.length > 0 && values.every((v) => typeof v === 'number')) {
      columns[p] = Float64Array.from(values as number[]);
      types[p] = float64();
    } else {
      columns[p] = values.map((v) => String(v));
      types[p] = text();
    }
  }
  columns.metric = rows.map((r) => String(r.metric));
  columns.value = Float64Array.from(rows, (r) => r.value as number);
  return toArrowIPC(table(columns as Record<string, never>), { format: 'file', types });
}

function isInt32(value: unknown): boolean {
  if (typeof value !== 'number') return false;
  return Number.isInteger(value) && Math.abs(value) < 2 ** 31;
}

/** Writes `sweep.csv` and `sweep.arrow` into `dir`; returns their paths. */
export function writeSweepTables(
  dir: string,
  parameters: readonly string[],
  rows: readonly SweepRow[],
): string[] {
  const csv = join(dir, 'sweep.csv');
  const arrow = join(dir, 'sweep.arrow');
  writeFileAtomic(csv, toCsv(sweepColumns(parameters), rows));
  writeFileAtomic(arrow, sweepArrow(parameters, rows));
  return [csv, arrow];
}
