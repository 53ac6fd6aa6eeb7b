/**
 * S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction",
 * SOSP '23), with queue sizes in bytes.
 *
 * Three FIFO queues: S, a small queue that new entries enter (10% of the
 * capacity by default); M, the main queue (the rest); G, a ghost queue of keys
 * recently evicted from S (remembering as many bytes as M can hold). Each
 * held entry has a frequency counter of two bits (0 to 3) that hits increment.
 *
 * - Miss on a key remembered in G: the entry goes straight to M.
 * - Other misses: the entry goes to S, counter 0.
 * - To make room, evict from S when S holds at least its share, else from M.
 * - Evicting from S looks at its oldest entry: with at least
 *   `promoteMinHits` hits (counter > 1 in the paper's Algorithm 1, so 2) it
 *   moves to M, keeping its counter, and M is trimmed if that overfills it;
 *   otherwise it leaves the cache and its key goes to G. This repeats until
 *   one entry has left S.
 * - Evicting from M looks at its oldest entry: a counter above zero is
 *   decremented and the entry is reinserted at the newest end; a zero counter
 *   means it is evicted. This repeats until one entry has left.
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';
import { FIRST_GHOST_TAG } from './slot-table.ts';

const SMALL = 1;
const MAIN = 2;
const GHOST = FIRST_GHOST_TAG;
const MAX_COUNT = 3;

export interface S3FifoOptions {
  /** Share of the capacity for S, in (0, 1); default 0.1. */
  smallFraction?: number;
  /** Bytes G remembers, as a share of the capacity; default 1 - smallFraction. */
  ghostFraction?: number;
  /** Hits an entry needs while in S to move to M: 1, 2 (default) or 3. */
  promoteMinHits?: number;
}

export class S3FifoCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 's3fifo' as const;
  private readonly small: SlotList;
  private readonly main: SlotList;
  private readonly ghost: SlotList;
  private readonly smallShareBytes: number;
  private readonly mainShareBytes: number;
  private readonly ghostLimitBytes: number;
  private readonly promoteMinHits: number;

  /** An S3-FIFO cache of `capacityBytes` bytes. */
  constructor(
    capacityBytes: number,
    options: BaseCacheOptions<K> & { s3fifo?: S3FifoOptions } = {},
  ) {
    super(capacityBytes, options);
    const o = options.s3fifo ?? {};
    const smallFraction = o.smallFraction ?? 0.1;
    const ghostFraction = o.ghostFraction ?? 1 - smallFraction;
    const promoteMinHits = o.promoteMinHits ?? 2;
    if (!(smallFraction > 0 && smallFraction < 1)) {
      throw new RangeError(`s3fifo smallFraction must be in (0, 1), got ${smallFraction}`);
    }
    if (!(ghostFraction >= 0 && ghostFraction < Infinity)) {
      throw new RangeError(`s3fifo ghostFraction must be >= 0, got ${ghostFraction}`);
    }
    const hitsOk = Number.isInteger(promoteMinHits) && promoteMinHits >= 1;
    if (!(hitsOk && promoteMinHits <= MAX_COUNT)) {
      throw new RangeError(`s3fifo promoteMinHits must be 1, 2 or 3, got ${promoteMinHits}`);
    }
    this.smallShareBytes = capacityBytes * smallFraction;
    this.mainShareBytes = capacityBytes - this.smallShareBytes;
    this.ghostLimitBytes = capacityBytes * ghostFraction;
    this.promoteMinHits = promoteMinHits;
    this.small = this.register(new SlotList(this.table, SMALL));
    this.main = this.register(new SlotList(this.table, MAIN));
    this.ghost = this.register(new SlotList(this.table, GHOST));
  }

  protected onHit(slot: number): void {
    const count = this.table.counter;
    if (count[slot]! < MAX_COUNT) count[slot]!++;
  }

  protected admit(key: K, sizeBytes: number, ghostSlot: number): void {
    const remembered = ghostSlot >= 0;
    if (remembered) this.remove(key);
    while (this.usedBytes + sizeBytes > this.capacityBytes) this.evictOne();
    this.insert(key, sizeBytes, remembered ? this.main : this.small);
  }

  private evictOne(): void {
    const small = this.small;
    if (small.count > 0 && (small.bytes >= this.smallShareBytes || this.main.count === 0)) {
      this.evictFromSmall();
    } else {
      this.evictFromMain();
    }
  }

  private evictFromSmall(): void {
    const count = this.table.counter;
    while (this.small.count > 0) {
      const oldest = this.small.oldest;
      if (count[oldest]! >= this.promoteMinHits) {
        this.small.unlink(oldest);
        this.main.append(oldest);
        while (this.main.bytes > this.mainShareBytes) this.evictFromMain();
        continue;
      }
      this.evictToGhost(oldest, this.small, this.ghost);
      while (this.ghost.bytes > this.ghostLimitBytes) this.dropOldestGhost(this.ghost);
      return;
    }
  }

  private evictFromMain(): void {
    const count = this.table.counter;
    while (this.main.count > 0) {
      const oldest = this.main.oldest;
      if (count[oldest]! > 0) {
        count[oldest]!--;
        this.main.moveToNewest(oldest);
        continue;
      }
      this.evict(oldest);
      return;
    }
  }
}
