/**
 * Swept values as text: the right-hand side of a `--set` override, and the
 * cell shown in the results table. A string is kept as the user wrote it
 * (`64KiB` stays `64KiB`), so the table reads in the scenario's units.
 */
import { parse as parseYaml } from 'yaml';

/** The YAML text that `--set path=<text>` parses back into `value`. */
export function setText(value: unknown): string {
  if (typeof value === 'string') {
    if (value === value.trim() && value !== '' && readsBackAs(value, value)) return value;
    return JSON.stringify(value);
  }
  // JSON is YAML's flow style, so numbers, booleans, lists and maps read back.
  return JSON.stringify(value);
}

function readsBackAs(text: string, value: unknown): boolean {
  try {
    return parseYaml(text) === value;
  } catch {
    return false;
  }
}

/** A `key.path=value` override. */
export function setAssignment(path: string, value: unknown): string {
  return `${path}=${setText(value)}`;
}

/** The value as a table cell: numbers stay numbers, everything else is text. */
export function cellValue(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  return setText(value);
}
