/**
 * A queue of slots, oldest first, threaded through a {@link SlotTable}'s
 * `prev`/`next` arrays. It keeps its length and total bytes so policies that
 * size their queues in bytes (ARC, S3-FIFO) read them in O(1).
 */
import { NIL, type SlotTable } from './slot-table.ts';

export class SlotList {
  oldest = NIL;
  newest = NIL;
  count = 0;
  bytes = 0;

  constructor(
    private readonly table: SlotTable<unknown>,
    readonly tag: number,
  ) {}

  /** Put `slot` (on no list) at the newest end and mark it as ours. */
  append(slot: number): void {
    const t = this.table;
    t.tag[slot] = this.tag;
    t.prev[slot] = this.newest;
    t.next[slot] = NIL;
    if (this.newest !== NIL) t.next[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
    this.count++;
    this.bytes += t.sizeBytes[slot]!;
  }

  /** Take `slot` (which must be on this list) off the list. */
  unlink(slot: number): void {
    const t = this.table;
    const before = t.prev[slot]!;
    const after = t.next[slot]!;
    if (before !== NIL) t.next[before] = after;
    else this.oldest = after;
    if (after !== NIL) t.prev[after] = before;
    else this.newest = before;
    t.prev[slot] = NIL;
    t.next[slot] = NIL;
    this.count--;
    this.bytes -= t.sizeBytes[slot]!;
  }

  /** Move `slot` (on this list) to the newest end. */
  moveToNewest(slot: number): void {
    if (slot === this.newest) return;
    this.unlink(slot);
    this.append(slot);
  }
}
