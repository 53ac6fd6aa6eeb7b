/**
 * Build a cache by policy name, as scenarios name them.
 *
 * Example: `createCache<number>('s3fifo', 64 * 2 ** 20)` is a 64 MiB S3-FIFO
 * cache keyed by block number; `cache.access(blockNo, 4096)` says whether a
 * 4 KiB block read hits.
 */
import { ArcCache } from './arc.ts';
import { ClockCache } from './clock.ts';
import { FifoCache } from './fifo.ts';
import { LfuCache } from './lfu.ts';
import { LruCache } from './lru.ts';
import { POLICY_NAMES, type CacheKey, type CachePolicy, type PolicyName } from './policy.ts';
import { S3FifoCache, type S3FifoOptions } from './s3fifo.ts';
import type { BaseCacheOptions } from './slot-cache.ts';

export interface CacheOptions<K extends CacheKey> extends BaseCacheOptions<K> {
  /** Tuning for 's3fifo'; ignored by the other policies. */
  s3fifo?: S3FifoOptions;
}

/** A cache of `capacityBytes` bytes run by `policy`. */
export function createCache<K extends CacheKey = CacheKey>(
  policy: PolicyName,
  capacityBytes: number,
  options: CacheOptions<K> = {},
): CachePolicy<K> {
  switch (policy) {
    case 'lru':
      return new LruCache<K>(capacityBytes, options);
    case 'fifo':
      return new FifoCache<K>(capacityBytes, options);
    case 'lfu':
      return new LfuCache<K>(capacityBytes, options);
    case 'arc':
      return new ArcCache<K>(capacityBytes, options);
    case 'clock':
      return new ClockCache<K>(capacityBytes, options);
    case 's3fifo':
      return new S3FifoCache<K>(capacityBytes, options);
    default:
      throw new RangeError(
        `unknown cache policy ${JSON.stringify(policy)}; ` +
          `expected one of ${POLICY_NAMES.join(', ')}`,
      );
  }
}
