/**
 * Metrics of a point: the numeric leaves of a run's summary, named by
 * their dotted path (`drivers.aufs.median_total_s`, `speedup.deployment`).
 */
import { InputError } from '../errors.ts';
import type { PointRecord } from './point.ts';

/**
 * The finite numbers in `value`, keyed by dotted path, in the object's own
 * order. Non-finite numbers (a speedup with no data is NaN) are left out:
 * a missing row says "not measured" more plainly than a NaN cell.
 */
export function flattenNumbers(value: unknown, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  const visit = (node: unknown, path: string) => {
    if (typeof node === 'number') {
      if (Number.isFinite(node)) out[path] = node;
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [key, child] of Object.entries(node)) {
        visit(child, path ? `${path}.${key}` : key);
      }
    }
  };
  visit(value, prefix);
  return out;
}

/**
 * A filter for metric names from `--metrics a,b`; `*` matches within one
 * path segment (`drivers.*.median_total_s`). Undefined keeps every metric.
 */
export function metricFilter(
  patterns: readonly string[] | undefined,
): (name: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const regexes = patterns.map((p) => globToRegex(p));
  return (name) => regexes.some((re) => re.test(name));
}

/** Throws unless every pattern matches at least one of `available`. */
export function checkMetricPatterns(
  patterns: readonly string[] | undefined,
  available: Iterable<string>,
): void {
  const names = [...available];
  for (const pattern of patterns ?? []) {
    const re = globToRegex(pattern);
    if (!names.some((n) => re.test(n))) {
      throw new InputError('unknown metric', { key: '--metrics' }, {
        expected: `one of ${names.join(', ')} (or a pattern with *)`,
        found: JSON.stringify(pattern),
      });
    }
  }
}

function globToRegex(pattern: string): RegExp {
  const escaped = pattern
    .trim()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^.]*');
  return new RegExp(`^${escaped}$`);
}

/** Every metric name that occurs in `records`. */
export function metricNames(records: readonly PointRecord[]): Set<string> {
  return new Set(records.flatMap((r) => Object.keys(r.metrics)));
}
