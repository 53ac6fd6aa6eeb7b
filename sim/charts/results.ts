/**
 * Finding the result tables in a results folder. Tables are recognised by
 * their columns, not only their names, so a renamed or sharded file still
 * draws; a file named after its kind wins when several match.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { readCsv, type CsvTable } from './read-csv.ts';

/** The tables charts are drawn from; each may be missing. */
export interface ResultTables {
  /** One row per container start (container, driver, total_s, ...). */
  containers?: CsvTable;
  /** Long table of metrics over simulated time (time_s, metric, value). */
  timeseries?: CsvTable;
  /** Long table of sweep points (point, parameters..., metric, value). */
  sweep?: CsvTable;
}

type Kind = keyof ResultTables;

const SIGNATURES: [Kind, string[]][] = [
  ['containers', ['container', 'driver', 'total_s']],
  ['timeseries', ['time_s', 'metric', 'value']],
  ['sweep', ['point', 'metric', 'value']],
];

/** The kind a table's columns say it is, if any. */
export function tableKind(columns: readonly string[]): Kind | undefined {
  const have = new Set(columns);
  for (const [kind, needed] of SIGNATURES) {
    if (needed.every((c) => have.has(c))) return kind;
  }
  return undefined;
}

/**
 * Reads every `*.csv` directly in `dir` and sorts them into result tables.
 * A malformed CSV is an error even if no chart would use it: a results
 * folder with a broken file is worth hearing about.
 */
export function loadResults(dir: string): ResultTables {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.csv'))
      .sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot read the results folder: ${reason}`, { file: dir });
  }
  const found: ResultTables = {};
  for (const name of names) {
    const table = readCsv(join(dir, name));
    const kind = tableKind(table.columns);
    if (!kind) continue;
    const namedAfterKind = name.toLowerCase() === `${kind}.csv`;
    if (!found[kind] || namedAfterKind) found[kind] = table;
  }
  return found;
}

/** The sweep's parameter columns: everything but point, metric and value. */
export function sweepParameters(table: CsvTable): string[] {
  return table.columns.filter((c) => c !== 'point' && c !== 'metric' && c !== 'value');
}
