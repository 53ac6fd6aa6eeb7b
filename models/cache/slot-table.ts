/**
 * Storage for cache entries without one object per entry.
 *
 * A block cache may hold millions of 4 KiB entries and see tens of millions of
 * accesses in one run, so entries live in parallel typed arrays indexed by a
 * slot number, and the policies' queues are doubly linked lists threaded
 * through those arrays. Freed slots are reused through a free list, so a
 * steady-state access allocates nothing beyond what the key index needs.
 *
 * Every slot is on at most one list at a time; `tag` records which. Tags 1 to
 * 63 mean the entry is held (resident); tags from 64 up mean it is a ghost (a
 * remembered key whose data is gone, used by ARC and S3-FIFO); 0 means free.
 */

export const NIL = -1;
export const FREE_TAG = 0;
export const FIRST_GHOST_TAG = 64;

/** True for tags of entries that are held in the cache. */
export function isResidentTag(tag: number): boolean {
  return tag !== FREE_TAG && tag < FIRST_GHOST_TAG;
}

export class SlotTable<K> {
  readonly index = new Map<K, number>();
  readonly keys: (K | undefined)[] = [];
  sizeBytes: Float64Array;
  prev: Int32Array;
  next: Int32Array;
  tag: Uint8Array;
  /** A small per-entry counter: CLOCK's reference bit, S3-FIFO's frequency. */
  counter: Uint8Array;
  /** A per-entry number a policy may use (LFU: the id of its frequency bucket). */
  link: Int32Array;
  private freeHead = NIL;
  private highWater = 0;

  constructor(initialSlots = 1024) {
    const n = Math.max(16, Math.floor(initialSlots));
    this.sizeBytes = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    this.tag = new Uint8Array(n);
    this.counter = new Uint8Array(n);
    this.link = new Int32Array(n);
  }

  /** A fresh slot for `key`, on no list yet, registered in the index. */
  alloc(key: K, sizeBytes: number, tag: number): number {
    let slot: number;
    if (this.freeHead !== NIL) {
      slot = this.freeHead;
      this.freeHead = this.next[slot]!;
      this.keys[slot] = key;
    } else {
      if (this.highWater === this.tag.length) this.grow();
      slot = this.highWater++;
      this.keys.push(key);
    }
    this.sizeBytes[slot] = sizeBytes;
    this.tag[slot] = tag;
    this.counter[slot] = 0;
    this.link[slot] = NIL;
    this.prev[slot] = NIL;
    this.next[slot] = NIL;
    this.index.set(key, slot);
    return slot;
  }

  /** Forget the slot's key and put the slot on the free list; unlink it first. */
  release(slot: number): void {
    this.index.delete(this.keys[slot] as K);
    this.keys[slot] = undefined;
    this.tag[slot] = FREE_TAG;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private grow(): void {
    const n = this.tag.length * 2;
    this.sizeBytes = copyInto(new Float64Array(n), this.sizeBytes);
    this.prev = copyInto(new Int32Array(n), this.prev);
    this.next = copyInto(new Int32Array(n), this.next);
    this.tag = copyInto(new Uint8Array(n), this.tag);
    this.counter = copyInto(new Uint8Array(n), this.counter);
    this.link = copyInto(new Int32Array(n), this.link);
  }
}

function copyInto<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  (to as Float64Array).set(from as Float64Array);
  return to;
}
