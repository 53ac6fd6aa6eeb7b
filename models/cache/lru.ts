/**
 * Least recently used: a hit moves the entry to the newest end; room is made
 * by evicting from the oldest end.
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';

export class LruCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 'lru' as const;
  private readonly queue: SlotList;

  /** An LRU cache of `capacityBytes` bytes. */
  constructor(capacityBytes: number, options: BaseCacheOptions<K> = {}) {
    super(capacityBytes, options);
    this.queue = this.register(new SlotList(this.table, 1));
  }

  protected onHit(slot: number): void {
    this.queue.moveToNewest(slot);
  }

  protected admit(key: K, sizeBytes: number): void {
    while (this.usedBytes + sizeBytes > this.capacityBytes) this.evict(this.queue.oldest);
    this.insert(key, sizeBytes, this.queue);
  }
}
