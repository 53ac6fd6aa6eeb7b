/**
 * The row shape charts consume and the few reductions they share. A row is a
 * plain object, one per line of a result table; numbers are numbers.
 */

/** One row of a result table. */
export type Row = Readonly<Record<string, unknown>>;

/** The value of `column` as a finite number, or undefined. */
export function numberAt(row: Row, column: string): number | undefined {
  const value = row[column];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value of `column` as a label: strings as they are, numbers printed. */
export function textAt(row: Row, column: string): string | undefined {
  const value = row[column];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Distinct labels of `column` in order of first appearance. */
export function distinct(rows: readonly Row[], column: string): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const label = textAt(row, column);
    if (label !== undefined) seen.add(label);
  }
  return [...seen];
}

/**
 * The p-quantile (0..1) of `values` by linear interpolation between closest
 * ranks (R's type 7, numpy's default), or NaN when there are none.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below]! + (sorted[above]! - sorted[below]!) * fraction;
}

/** The arithmetic mean of `values`, or NaN when there are none. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Groups rows by the labels of `columns`, keeping first-appearance order.
 * Rows missing any key column are left out.
 */
export function groupBy(
  rows: readonly Row[],
  columns: readonly string[],
): { key: string[]; rows: Row[] }[] {
  const groups = new Map<string, { key: string[]; rows: Row[] }>();
  for (const row of rows) {
    const key: string[] = [];
    for (const column of columns) {
      const label = textAt(row, column);
      if (label === undefined) break;
      key.push(label);
    }
    if (key.length < columns.length) continue;
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()];
}

/** The numbers found in `column` across `rows`, skipping missing cells. */
export function numbers(rows: readonly Row[], column: string): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const v = numberAt(row, column);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** True when every present value of `column` is a number. */
export function isNumeric(rows: readonly Row[], column: string): boolean {
  let any = false;
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined || value === '') continue;
    if (typeof value !== 'number') return false;
    any = true;
  }
  return any;
}
