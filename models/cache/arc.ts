/**
 * ARC, the Adaptive Replacement Cache (Megiddo and Modha, FAST '03), with
 * every quantity measured in bytes so that entries may have different sizes.
 *
 * Held entries are split between T1 (seen once recently) and T2 (seen at
 * least twice); B1 and B2 remember the keys recently evicted from each. A
 * miss that finds its key in B1 means T1 was too small, so the target size of
 * T1 (`targetT1Bytes`, the paper's p) grows; a key found in B2 shrinks it.
 *
 * The sized adaptation: the paper's lengths |T1|, |B1|... become byte totals,
 * c becomes `capacityBytes`, and an adaptation step of max(1, |B2|/|B1|)
 * entries becomes max(1, bytes(B2)/bytes(B1)) times the size of the entry
 * asked for. Where the paper frees one slot for one new page, we repeat the
 * same step until the new entry's bytes fit. With all entries of one size s
 * this is exactly the paper's algorithm with p scaled by s (the reference
 * tests check that case against a hand run of the paper's pseudocode).
 */
import type { CacheKey } from './policy.ts';
import { SlotCache, type BaseCacheOptions } from './slot-cache.ts';
import { SlotList } from './slot-list.ts';
import { FIRST_GHOST_TAG } from './slot-table.ts';

const T1 = 1;
const T2 = 2;
const B1 = FIRST_GHOST_TAG;
const B2 = FIRST_GHOST_TAG + 1;

export class ArcCache<K extends CacheKey = CacheKey> extends SlotCache<K> {
  readonly policy = 'arc' as const;
  private readonly t1: SlotList;
  private readonly t2: SlotList;
  private readonly b1: SlotList;
  private readonly b2: SlotList;
  private targetT1 = 0;

  /** An ARC cache of `capacityBytes` bytes. */
  constructor(capacityBytes: number, options: BaseCacheOptions<K> = {}) {
    super(capacityBytes, options);
    this.t1 = this.register(new SlotList(this.table, T1));
    this.t2 = this.register(new SlotList(this.table, T2));
    this.b1 = this.register(new SlotList(this.table, B1));
    this.b2 = this.register(new SlotList(this.table, B2));
  }

  /** The adaptive target for T1 in bytes (the paper's p); for tests and reports. */
  get targetT1Bytes(): number {
    return this.targetT1;
  }

  protected onHit(slot: number): void {
    const from = this.table.tag[slot] === T1 ? this.t1 : this.t2;
    from.unlink(slot);
    this.t2.append(slot);
  }

  protected admit(key: K, sizeBytes: number, ghostSlot: number): void {
    if (ghostSlot < 0) {
      this.admitNew(key, sizeBytes);
      return;
    }
    const inB2 = this.table.tag[ghostSlot] === B2;
    this.adapt(inB2, sizeBytes);
    this.remove(key);
    this.trimGhosts(sizeBytes);
    this.makeRoom(sizeBytes, inB2);
    this.insert(key, sizeBytes, this.t2);
  }

  /** The paper's case IV: a key in none of the four lists. */
  private admitNew(key: K, sizeBytes: number): void {
    const c = this.capacityBytes;

    // 1. Keep T1 and B1 together within c once the new entry joins T1.
    while (this.t1.bytes + this.b1.bytes + sizeBytes > c && this.b1.count > 0) {
      this.dropOldestGhost(this.b1);
    }
    // 2. B1 is empty and T1 alone is too big: evict from T1 without a ghost.
    while (this.t1.bytes + sizeBytes > c) this.evict(this.t1.oldest);

    // 3. Keep the whole directory within 2c, then free room among T1 and T2.
    this.trimGhosts(sizeBytes);
    this.makeRoom(sizeBytes, false);
    this.insert(key, sizeBytes, this.t1);
  }

  /** Move p towards T1 (key found in B1) or towards T2 (key found in B2). */
  private adapt(inB2: boolean, sizeBytes: number): void {
    const b1 = this.b1.bytes;
    const b2 = this.b2.bytes;
    if (!inB2) {
      const step = b2 > b1 ? (sizeBytes * b2) / b1 : sizeBytes;
      this.targetT1 = Math.min(this.capacityBytes, this.targetT1 + step);
    } else {
      const step = b1 > b2 ? (sizeBytes * b1) / b2 : sizeBytes;
      this.targetT1 = Math.max(0, this.targetT1 - step);
    }
  }

  private trimGhosts(sizeBytes: number): void {
    const limit = 2 * this.capacityBytes;
    while (this.directoryBytes() + sizeBytes > limit) {
      if (this.b2.count > 0) this.dropOldestGhost(this.b2);
      else if (this.b1.count > 0) this.dropOldestGhost(this.b1);
      else return;
    }
  }

  private directoryBytes(): number {
    return this.t1.bytes + this.t2.bytes + this.b1.bytes + this.b2.bytes;
  }

  /** The paper's REPLACE, repeated until `sizeBytes` more fit in T1 + T2. */
  private makeRoom(sizeBytes: number, keyWasInB2: boolean): void {
    while (this.t1.bytes + this.t2.bytes + sizeBytes > this.capacityBytes) {
      const t1Bytes = this.t1.bytes;
      const fromT1 =
        this.t1.count > 0 &&
        (t1Bytes > this.targetT1 || (keyWasInB2 && t1Bytes === this.targetT1) ||
          this.t2.count === 0);
      if (fromT1) this.evictToGhost(this.t1.oldest, this.t1, this.b1);
      else this.evictToGhost(this.t2.oldest, this.t2, this.b2);
    }
  }
}
