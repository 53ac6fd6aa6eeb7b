/**
 * First in, first out: hits change nothing; room is made by evicting the
 * entry that was admitted longest ago.
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';

export class FifoCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 'fifo' as const;
  private readonly queue: SlotList;

  /** A FIFO cache of `capacityBytes` bytes. */
  constructor(capacityBytes: number, options: BaseCacheOptions<K> = {}) {
    super(capacityBytes, options);
    this.queue = this.register(new SlotList(this.table, 1));
  }

  protected onHit(): void {}

  protected admit(key: K, sizeBytes: number): void {
    while (this.usedBytes + sizeBytes > this.capacityBytes) this.evict(this.queue.oldest);
    this.insert(key, sizeBytes, this.queue);
  }
}
