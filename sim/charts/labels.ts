/**
 * Axis titles and number formats from column names. Result columns carry
 * their unit as a suffix (`total_s`, `bytes_pulled`,
 * `registry_egress_bytes_per_s`), so a chart can always say what it plots.
 */

const SUFFIXES: [string, string][] = [
  ['_bytes_per_s', 'bytes/s'],
  ['_per_s', '1/s'],
  ['_bytes', 'bytes'],
  ['_ms', 'ms'],
  ['_s', 's'],
  ['_count', 'count'],
  ['_ratio', 'ratio'],
  ['_gb', 'GB'],
  ['_mb', 'MB'],
];

/** Columns whose bare stem would read badly on an axis. */
const STEMS: Record<string, string> = {
  total_s: 'startup time',
  ready_s: 'ready at',
  start_s: 'started at',
  time_s: 'simulated time',
};

const PREFIXES: [string, string][] = [['bytes_', 'bytes']];

/** The unit a column name declares, or '' when it declares none. */
export function unitOf(column: string): string {
  for (const [suffix, unit] of SUFFIXES) {
    if (column.endsWith(suffix) && column.length > suffix.length) return unit;
  }
  for (const [prefix, unit] of PREFIXES) {
    if (column.startsWith(prefix) && column.length > prefix.length) return unit;
  }
  return '';
}

/**
 * A human title with the unit in parentheses.
 *
 * @example labelOf('registry_egress_bytes_per_s') // 'registry egress (bytes/s)'
 * @example labelOf('bytes_pulled')                // 'pulled (bytes)'
 */
export function labelOf(column: string): string {
  const unit = unitOf(column);
  let stem = column;
  for (const [suffix, u] of SUFFIXES) {
    if (u === unit && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  for (const [prefix, u] of PREFIXES) {
    if (u === unit && stem.startsWith(prefix) && stem.length > prefix.length) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  if (STEMS[column]) stem = STEMS[column]!;
  const words = stem.replace(/[_.]+/g, ' ').trim();
  return unit ? `${words} (${unit})` : words;
}

/**
 * A d3 number format for a column's axis: SI prefixes for byte quantities
 * (`1.5G` reads better than `1500000000`), the default otherwise.
 */
export function formatOf(column: string): string | undefined {
  return unitOf(column).startsWith('bytes') ? '.3~s' : undefined;
}

/** The label without its unit, capitalised, for chart titles. */
export function titleOf(column: string): string {
  const words = labelOf(column).replace(/ \([^)]*\)$/, '');
  return words.length === 0 ? words : words[0]!.toUpperCase() + words.slice(1);
}
