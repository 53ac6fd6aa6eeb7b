/**
 * Checks a chart makes of its rows before building anything, so that a table
 * without the needed columns gives a clear message rather than an empty
 * picture. The errors carry the column as key; callers add the file.
 */
import { InputError } from '../errors.ts';
import type { Row } from './rows.ts';

/** Throws unless some row has a value in every one of `columns`. */
export function requireColumns(
  rows: readonly Row[],
  columns: readonly string[],
  chart: string,
) {
  if (rows.length === 0) {
    throw new InputError(
      `no rows to draw the ${chart} chart from`,
      {},
      {
        expected: 'at least one row',
        found: 'none',
      },
    );
  }
  for (const column of columns) {
    if (rows.some((row) => row[column] !== undefined && row[column] !== null)) continue;
    const found = Object.keys(rows[0]!).join(', ');
    throw new InputError(
      `the ${chart} chart needs this column`,
      { key: column },
      {
        expected: `a column named ${column}`,
        found: `columns ${found}`,
      },
    );
  }
}

/** Keeps rows whose `column` equals `value`; all rows when value is undefined. */
export function onlyWhere(
  rows: readonly Row[],
  column: string,
  value: string | undefined,
) {
  if (value === undefined) return [...rows];
  const kept = rows.filter((row) => String(row[column]) === value);
  if (kept.length === 0) {
    const present = [...new Set(rows.map((row) => String(row[column])))].join(', ');
    throw new InputError(
      'no rows match',
      { key: column },
      {
        expected: `rows with ${column} = ${value}`,
        found: present ? `only ${present}` : 'no values',
      },
    );
  }
  return kept;
}
