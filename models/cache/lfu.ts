/**
 * Least frequently used. Each held entry counts its accesses since it was
 * admitted (1 on admission); room is made by evicting an entry with the
 * lowest count. Ties go to the entry that reached that count earliest, which
 * is the least recently used of the tied entries, so the choice never depends
 * on hashing or insertion accidents. Counts are forgotten on eviction.
 *
 * Entries with the same count share a bucket (a queue, oldest first); buckets
 * form a list in increasing count, so a hit and an eviction are O(1). Bucket
 * objects are pooled, so a hit allocates nothing in the steady state.
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';

interface Bucket {
  readonly id: number;
  readonly queue: SlotList;
  accessCount: number;
  lower: Bucket | null;
  higher: Bucket | null;
}

export class LfuCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 'lfu' as const;
  private readonly buckets: Bucket[] = [];
  private readonly spareBuckets: Bucket[] = [];
  private lowest: Bucket | null = null;

  /** An LFU cache of `capacityBytes` bytes. */
  constructor(capacityBytes: number, options: BaseCacheOptions<K> = {}) {
    super(capacityBytes, options);
  }

  protected onHit(slot: number): void {
    const from = this.buckets[this.table.link[slot]!]!;
    const wanted = from.accessCount + 1;
    let to = from.higher;
    if (to === null || to.accessCount !== wanted) to = this.openBucket(wanted, from);
    from.queue.unlink(slot);
    to.queue.append(slot);
    this.table.link[slot] = to.id;
    if (from.queue.count === 0) this.closeBucket(from);
  }

  protected admit(key: K, sizeBytes: number): void {
    while (this.usedBytes + sizeBytes > this.capacityBytes) {
      this.evict(this.lowest!.queue.oldest);
    }
    let first = this.lowest;
    if (first === null || first.accessCount !== 1) first = this.openBucket(1, null);
    const slot = this.insert(key, sizeBytes, first.queue);
    this.table.link[slot] = first.id;
  }

  protected override detach(slot: number): void {
    const bucket = this.buckets[this.table.link[slot]!]!;
    bucket.queue.unlink(slot);
    if (bucket.queue.count === 0) this.closeBucket(bucket);
  }

  /** A bucket for `accessCount`, placed just above `below` (or first if null). */
  private openBucket(accessCount: number, below: Bucket | null): Bucket {
    let bucket = this.spareBuckets.pop();
    if (bucket === undefined) {
      const id = this.buckets.length;
      const queue = new SlotList(this.table, 1);
      bucket = { id, queue, accessCount, lower: null, higher: null };
      this.buckets.push(bucket);
    }
    bucket.accessCount = accessCount;
    bucket.lower = below;
    bucket.higher = below === null ? this.lowest : below.higher;
    if (bucket.higher !== null) bucket.higher.lower = bucket;
    if (below === null) this.lowest = bucket;
    else below.higher = bucket;
    return bucket;
  }

  private closeBucket(bucket: Bucket): void {
    if (bucket.lower !== null) bucket.lower.higher = bucket.higher;
    else this.lowest = bucket.higher;
    if (bucket.higher !== null) bucket.higher.lower = bucket.lower;
    bucket.lower = null;
    bucket.higher = null;
    this.spareBuckets.push(bucket);
  }
}
