/**
 * The event list: a 4-ary min-heap of timed callbacks, ordered by (time,
 * insertion order).
 *
 * The heap itself is two typed arrays (time, slot), so sifting moves plain
 * numbers only; each entry's insertion number, callback and argument stay
 * put in a slot that is recycled once the entry is popped. Passing a shared
 * callback with an argument makes scheduling allocation-free. Four children
 * per node halve the depth of a binary heap, which pays off because popping
 * dominates. Ties in time are broken by insertion order, which is what makes
 * a run deterministic.
 */
export type Callback<A = any> = (arg: A) => void;

const ARITY = 4;

export class EventQueue {
  // The heap: time and slot of each entry, in heap order.
  private times = new Float64Array(1024);
  private slots = new Int32Array(1024);
  // Per slot: insertion number, callback and argument.
  private seqs = new Float64Array(1024);
  private readonly fns: (Callback | undefined)[] = [];
  private readonly args: unknown[] = [];
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private size = 0;
  private nextSeq = 0;
  /** Argument of the entry most recently returned by `pop`. */
  poppedArg: unknown = undefined;

  get length(): number {
    return this.size;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  push(timeSec: number, fn: Callback, arg?: unknown): void {
    if (this.size === this.times.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.size;
    this.fns[slot] = fn;
    this.args[slot] = arg;
    this.seqs[slot] = this.nextSeq++;
    const times = this.times;
    const slots = this.slots;
    // Sift the hole up while the parent is later. A parent at the same time
    // was inserted earlier (insertion numbers only grow), so it stays above.
    let i = this.size++;
    while (i > 0) {
      const parent = ((i - 1) / ARITY) | 0;
      const pt = times[parent]!;
      if (pt <= timeSec) break;
      times[i] = pt;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = timeSec;
    slots[i] = slot;
  }

  /**
   * Removes the earliest entry and returns its callback; its argument is left
   * in `poppedArg`. The caller reads the entry's time first with `peekTime`.
   */
  pop(): Callback {
    const times = this.times;
    const slots = this.slots;
    const seqs = this.seqs;
    const topSlot = slots[0]!;
    const top = this.fns[topSlot]!;
    this.poppedArg = this.args[topSlot];
    this.fns[topSlot] = undefined;
    this.args[topSlot] = undefined;
    this.freeSlots[this.freeCount++] = topSlot;

    const n = --this.size;
    if (n === 0) return top;
    const t = times[n]!;
    const slot = slots[n]!;
    // Sift the last entry down from the root to below its earliest child;
    // insertion numbers are looked up only when times tie.
    let i = 0;
    for (;;) {
      const first = ARITY * i + 1;
      if (first >= n) break;
      let best = first;
      if (first + 3 < n) {
        // All ARITY (4) children, the common case: compared without a loop.
        if (this.earlier(first + 1, best)) best = first + 1;
        if (this.earlier(first + 2, best)) best = first + 2;
        if (this.earlier(first + 3, best)) best = first + 3;
      } else {
        for (let c = first + 1; c < n; c++) if (this.earlier(c, best)) best = c;
      }
      const bt = times[best]!;
      if (t < bt || (t === bt && seqs[slot]! < seqs[slots[best]!]!)) break;
      times[i] = bt;
      slots[i] = slots[best]!;
      i = best;
    }
    times[i] = t;
    slots[i] = slot;
    return top;
  }

  /** Whether the entry at heap position `a` comes before the one at `b`. */
  private earlier(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[this.slots[a]!]! < this.seqs[this.slots[b]!]!);
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.slots = slots;
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }
}
