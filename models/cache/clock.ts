/**
 * CLOCK (second chance). Entries sit on a ring with one reference bit each; a
 * hit sets the bit. To make room the hand looks at the entry under it: a set
 * bit is cleared and the hand moves on (the entry gets a second chance), a
 * clear bit means that entry is evicted.
 *
 * The ring is kept as a queue whose oldest end is the entry under the hand:
 * passing an entry moves it to the newest end, which is the same order a
 * circular buffer gives. A new entry goes just behind the hand (newest end)
 * with its bit clear, so without hits CLOCK evicts exactly like FIFO.
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';

export class ClockCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 'clock' as const;
  private readonly ring: SlotList;

  /** A CLOCK cache of `capacityBytes` bytes. */
  constructor(capacityBytes: number, options: BaseCacheOptions<K> = {}) {
    super(capacityBytes, options);
    this.ring = this.register(new SlotList(this.table, 1));
  }

  protected onHit(slot: number): void {
    this.table.counter[slot] = 1;
  }

  protected admit(key: K, sizeBytes: number): void {
    const referenced = this.table.counter;
    while (this.usedBytes + sizeBytes > this.capacityBytes) {
      const underHand = this.ring.oldest;
      if (referenced[underHand] === 1) {
        referenced[underHand] = 0;
        this.ring.moveToNewest(underHand);
      } else {
        this.evict(underHand);
      }
    }
    this.insert(key, sizeBytes, this.ring);
  }
}
