/** Shared by the cache tests: replay a key sequence and spell out hits and misses. */
import type { CacheKey, CachePolicy } from '../../models/cache/policy.ts';

/**
 * Access each key of `keys` with `sizeBytes` and return one letter per
 * access: H for a hit, M for a miss.
 */
export function hitMissString<K extends CacheKey>(
  cache: CachePolicy<K>,
  keys: readonly K[],
  sizeBytes = 1,
): string {
  return keys.map((k) => (cache.access(k, sizeBytes) ? 'H' : 'M')).join('');
}

/** Keys given as a space-separated string, e.g. `'1 2 3'` or `'a b a'`. */
export function keysOf(text: string): string[] {
  return text.split(' ');
}

/** Attach a listener that records evicted keys, in order. */
export function recordEvictions<K extends CacheKey>(cache: CachePolicy<K>): K[] {
  const evicted: K[] = [];
  cache.onEvict((key) => evicted.push(key));
  return evicted;
}
