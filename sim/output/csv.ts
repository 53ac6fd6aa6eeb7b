/**
 * CSV text from rows of plain values (RFC 4180 quoting). Numbers are written
 * as given; callers round them first so that files compare byte for byte.
 */
export type Cell = string | number | boolean | null | undefined;

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders `rows` under `columns` (in that order) as CSV with a header line. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
