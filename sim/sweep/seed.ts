/**
 * Each point's seed. A derived seed depends only on the base seed and the
 * point's overrides (sorted, so the order of the axes does not matter),
 * never on the point's position in a shard or on the worker that runs it:
 * the same point gives the same numbers with any `--jobs` and `--shard`.
 */
import { createHash } from 'node:crypto';
import type { SeedMode } from './spec.ts';

/**
 * The seed of the point with overrides `sets`: a 31-bit integer hashed from
 * `baseSeed` and the sets (`derived`), or `baseSeed` itself (`shared`, for
 * common random numbers across points). A point that sets `seed` itself
 * keeps it: the result is undefined and the override decides.
 */
export function pointSeed(
  baseSeed: number,
  sets: readonly string[],
  mode: SeedMode,
): number | undefined {
  if (sets.some((s) => s.startsWith('seed='))) return undefined;
  if (mode === 'shared') return baseSeed;
  const sorted = [...sets].sort();
  const text = ['slacker-sim sweep point', String(baseSeed), ...sorted].join('\n');
  return createHash('sha256').update(text).digest().readUInt32BE(0) >>> 1;
}
