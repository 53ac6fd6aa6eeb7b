/**
 * A share group: running activities that the max-min solution must treat
 * alike, because they cross the same shared resources with the same weight
 * and the same effective cap. They always progress at one common rate, so
 * the group keeps a single virtual work counter (work each member has done
 * since the group began) and stores for each member the counter value at
 * which it is done. A rate change of the whole group is then O(1), and its
 * next completion is the member with the smallest finishing value, kept in
 * a heap. This is what makes ten thousand flows behind one uplink cheap.
 */
import type { Activity } from './fluid-activity.ts';
import type { FluidResource } from './fluid-resource.ts';
import { IndexedHeap, type HeapEntry } from './indexed-heap.ts';

let nextGroupSeq = 0;

export class ShareGroup implements HeapEntry {
  /** Rate of every member (work units/s). */
  rate = 0;
  /** Highest rate the group has had. */
  peakRate = 0;
  private virtualWork = 0;
  private virtualAtSec = 0;
  private readonly members = new IndexedHeap<Activity>();
  // The first member's finishing counter, kept here so that re-timing the
  // group after a rate change does not touch the member itself.
  private firstKey = Infinity;
  // Entry in the model's heap of next completions.
  heapKey = Infinity;
  heapIndex = -1;
  readonly heapSeq = nextGroupSeq++;
  /** @internal Index of this group in the group list of each shared resource. */
  readonly positions: Int32Array;
  // Solver scratch space.
  mark = 0;
  frozen = false;
  newRate = 0;

  constructor(
    /** Where the model's index of groups holds this group (cleared when it is dropped). */
    readonly slot: { group: ShareGroup | null },
    /** Resources with two or more activities that every member crosses. */
    readonly shared: readonly FluidResource[],
    readonly weight: number,
    /** Tightest of the members' rate caps and private resources (work units/s). */
    readonly cap: number,
  ) {
    this.positions = new Int32Array(shared.length);
  }

  get size(): number {
    return this.members.size;
  }

  /** The virtual work counter at `nowSec`. */
  workAt(nowSec: number): number {
    const dt = nowSec - this.virtualAtSec;
    return dt > 0 ? this.virtualWork + this.rate * dt : this.virtualWork;
  }

  setRate(nowSec: number, rate: number): void {
    this.virtualWork = this.workAt(nowSec);
    this.virtualAtSec = nowSec;
    this.rate = rate;
    if (rate > this.peakRate) this.peakRate = rate;
  }

  /** Adds a member with `remaining` work units left. */
  add(a: Activity, remaining: number, nowSec: number): void {
    if (this.members.size === 0) {
      // Restart the counter so that it never grows without bound.
      this.virtualWork = 0;
      this.virtualAtSec = nowSec;
    }
    a.group = this;
    a.heapKey = this.workAt(nowSec) + remaining;
    this.members.push(a);
    this.firstKey = this.members.peek()!.heapKey;
  }

  /** Removes a member; returns its remaining work. */
  remove(a: Activity, nowSec: number): number {
    const remaining = a.remainingAt(nowSec);
    this.members.remove(a);
    this.firstKey = this.members.peek()?.heapKey ?? Infinity;
    a.group = null;
    return remaining;
  }

  /** Time (s) at which the next member is done, Infinity if none or stalled. */
  nextFinishSec(): number {
    if (this.firstKey === Infinity || this.rate === 0) return Infinity;
    if (this.rate === Infinity) return this.virtualAtSec;
    return this.virtualAtSec + (this.firstKey - this.virtualWork) / this.rate;
  }

  /** Removes and returns the next member to finish. */
  popFirst(): Activity {
    const a = this.members.pop()!;
    this.firstKey = this.members.peek()?.heapKey ?? Infinity;
    a.group = null;
    return a;
  }
}
