/**
 * The one interface every cache eviction policy implements.
 *
 * A cache holds entries identified by a key (a block number, a file path, a
 * layer digest) and measured in bytes. The simulator never stores the data
 * itself: a cache only answers "would this read have been served from here?"
 * and keeps the bookkeeping (occupancy, counters) that the models report.
 *
 * `access` is the only call on the hot path. It counts a hit or a miss and, on
 * a miss, admits the entry, evicting others until it fits. An entry larger
 * than the whole capacity is counted as a miss and never admitted.
 */

/** Keys are numbers (block numbers: the fast case) or strings (paths, digests). */
export type CacheKey = string | number;

/** The policies this folder provides, by the name scenarios use. */
export const POLICY_NAMES = ['lru', 'fifo', 'lfu', 'arc', 'clock', 's3fifo'] as const;

export type PolicyName = (typeof POLICY_NAMES)[number];

/** True when `name` is one of {@link POLICY_NAMES}. */
export function isPolicyName(name: string): name is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(name);
}

/** Running counters of a cache since it was built or since `resetStats`. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries pushed out to make room (not those taken out by `remove`). */
  evictions: number;
  bytesHit: number;
  bytesMissed: number;
  bytesEvicted: number;
}

/**
 * Called once per entry pushed out to make room, after the entry is gone.
 * It must not call back into the same cache: the eviction may be one step of
 * an admission that is still under way.
 */
export type EvictionListener<K extends CacheKey> = (key: K, sizeBytes: number) => void;

export interface CachePolicy<K extends CacheKey = CacheKey> {
  readonly policy: PolicyName;
  /** Bytes the cache may hold; fixed at construction. */
  readonly capacityBytes: number;
  /** Bytes of the entries it holds now; never above `capacityBytes`. */
  readonly usedBytes: number;
  /** Number of entries it holds now (ghost entries are not counted). */
  readonly entryCount: number;
  /** Live counters; take a copy (`{ ...cache.stats }`) to keep a snapshot. */
  readonly stats: Readonly<CacheStats>;

  /**
   * Look up `key`, an entry of `sizeBytes` (> 0) bytes. Returns true on a hit.
   * On a miss the entry is admitted (evicting as the policy decides) unless it
   * is larger than `capacityBytes`. An entry keeps the size it was admitted
   * with; a hit with another size throws a RangeError, as it means a model
   * gave two different sizes to one thing.
   */
  access(key: K, sizeBytes: number): boolean;

  /** True when `key` is held now. Changes no state and no counter. */
  has(key: K): boolean;

  /**
   * Drop `key` (an entry or a remembered ghost) without counting an eviction
   * or calling listeners. Returns true when an entry was held.
   */
  remove(key: K): boolean;

  /** Register a listener for evictions; returns a function that unregisters it. */
  onEvict(listener: EvictionListener<K>): () => void;

  /** Set every counter back to zero, keeping the contents (end of a warm-up). */
  resetStats(): void;
}

/** Counters all at zero. */
export function emptyStats(): CacheStats {
  return { hits: 0, misses: 0, evictions: 0, bytesHit: 0, bytesMissed: 0, bytesEvicted: 0 };
}
