/**
 * The event list: timed callbacks, taken in order of (time, insertion).
 *
 * It is a ladder queue (after Tang, Goh and Thng's design): an unsorted
 * "top" for the far future, a few "rungs" of time buckets that split the
 * nearer future ever more finely, and a short sorted "bottom" from which
 * entries are taken. Pushing an entry is a division and a list link; taking
 * one is a read from the bottom, and when the bottom runs dry the next
 * non-empty bucket is sorted into it (or, if it holds many entries, split
 * into a finer rung). Both are O(1) amortised for the delays simulations
 * schedule, where a heap pays O(log n) on every pop. Known limit: when the
 * pending times are spread over so many orders of magnitude (about 100 and
 * more, with a million entries) that MAX_RUNGS levels cannot separate them,
 * the bottom grows with the population and a push into it costs O(n).
 *
 * Order is exact. Each part covers its own time range, with the top last:
 * top times are at or after `topStart`; a rung holds only its buckets from
 * `rungCur` on, and everything below (finer rungs, then the bottom) lies
 * before them. Bucket numbers grow with time, so equal times always share a
 * bucket, and every sort breaks ties by insertion number, which is what
 * makes a run deterministic. Entries at Infinity wait apart, first in first
 * out, since no bucket width spans an infinite range: kept in the top they
 * would stop it from ever becoming a rung.
 *
 * Entries live in slots of typed arrays (time, insertion number, next link)
 * with their callback and argument beside them; slots are recycled, so
 * passing a shared callback with an argument makes scheduling
 * allocation-free.
 */
export type Callback<A = any> = (arg: A) => void;

const NONE = -1;
/** A bucket with more entries than this becomes a finer rung, not a sort. */
const SPLIT_ABOVE = 48;
const MAX_RUNGS = 8;
/** Buckets per entry in a new rung: fewer entries per bucket to sort. */
const BUCKETS_PER_ENTRY = 2;
/** Sorts up to this size are insertion sorts. */
const INSERTION_SORT_MAX = 24;
/** A bottom this long, spanning several times, becomes a rung. */
const BOTTOM_MAX = 128;

/**
 * Whether `count` entries in [minSec, maxSec] can be spread over a rung: the
 * bucket width must be a positive finite number. A range of equal times, an
 * infinite one, or one so narrow (subnormal) that the width rounds to zero
 * would put every entry in one bucket or compute bucket NaN.
 */
function splittable(count: number, minSec: number, maxSec: number): boolean {
  const widthSec = (maxSec - minSec) / (count * BUCKETS_PER_ENTRY);
  return widthSec > 0 && widthSec < Infinity;
}

export class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private next = new Int32Array(1024);
  private readonly fns: (Callback | undefined)[] = [];
  private readonly args: unknown[] = [];
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private slotsUsed = 0;
  private size = 0;
  private nextSeq = 0;

  // Top: an unsorted list (through `next`) of the entries at or after topStart.
  private topHead = NONE;
  private topMax = -Infinity;
  private topStart = -Infinity;

  // Entries at Infinity, oldest first (a list through `next`): taken only
  // when nothing finite is left.
  private neverHead = NONE;
  private neverTail = NONE;
  private neverCount = 0;

  // Rungs, coarsest first: bucket b of rung r starts at
  // rungStart + b * rungWidth and holds a list of slots (the last bucket
  // also takes anything later, up to the coarser part above).
  private rungs = 0;
  private readonly rungStart = new Float64Array(MAX_RUNGS);
  private readonly rungWidth = new Float64Array(MAX_RUNGS);
  private readonly rungBuckets = new Int32Array(MAX_RUNGS);
  private readonly rungCur = new Int32Array(MAX_RUNGS);
  private readonly rungHeads: Int32Array[] = [];

  // Bottom: slots sorted by (time, insertion) in bottom[bottomHead..bottomTail).
  private bottom = new Int32Array(256);
  private bottomHead = 0;
  private bottomTail = 0;

  /** Argument of the entry most recently returned by `pop`. */
  poppedArg: unknown = undefined;

  get length(): number {
    return this.size;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    if (this.bottomHead === this.bottomTail) {
      if (this.size === this.neverCount) return Infinity;
      this.refill();
    }
    return this.times[this.bottom[this.bottomHead]!]!;
  }

  push(timeSec: number, fn: Callback, arg?: unknown): void {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      if (this.slotsUsed === this.times.length) this.grow();
      slot = this.slotsUsed++;
    }
    this.fns[slot] = fn;
    this.args[slot] = arg;
    this.times[slot] = timeSec;
    this.seqs[slot] = this.nextSeq++;
    this.size++;
    if (timeSec >= this.topStart) {
      if (timeSec === Infinity) {
        this.pushNever(slot);
        return;
      }
      this.next[slot] = this.topHead;
      this.topHead = slot;
      if (timeSec > this.topMax) this.topMax = timeSec;
      return;
    }
    this.place(slot, timeSec);
  }

  /** Puts an entry before the top's range into its rung's bucket or the bottom. */
  private place(slot: number, timeSec: number): void {
    for (let r = 0; r < this.rungs; r++) {
      let b = Math.floor((timeSec - this.rungStart[r]!) / this.rungWidth[r]!);
      const last = this.rungBuckets[r]! - 1;
      if (b > last) b = last;
      if (b >= this.rungCur[r]!) {
        const heads = this.rungHeads[r]!;
        this.next[slot] = heads[b]!;
        heads[b] = slot;
        return;
      }
    }
    this.insertBottom(slot, timeSec);
  }

  /**
   * Removes the earliest entry and returns its callback; its argument is left
   * in `poppedArg`. The caller reads the entry's time first with `peekTime`.
   */
  pop(): Callback {
    let slot: number;
    if (this.bottomHead === this.bottomTail && this.size === this.neverCount) {
      slot = this.neverHead;
      this.neverHead = this.next[slot]!;
      this.neverCount--;
    } else {
      if (this.bottomHead === this.bottomTail) this.refill();
      slot = this.bottom[this.bottomHead++]!;
      if (this.bottomHead === this.bottomTail) this.bottomHead = this.bottomTail = 0;
    }
    const fn = this.fns[slot]!;
    this.poppedArg = this.args[slot];
    this.fns[slot] = undefined;
    this.args[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    this.size--;
    return fn;
  }

  private pushNever(slot: number): void {
    this.next[slot] = NONE;
    if (this.neverCount++ === 0) this.neverHead = slot;
    else this.next[this.neverTail] = slot;
    this.neverTail = slot;
  }

  /**
   * Inserts into the sorted bottom after every entry at the same time (the
   * new entry is the latest inserted), moving whichever side is shorter.
   */
  private insertBottom(slot: number, t: number): void {
    if (this.bottomTail - this.bottomHead >= BOTTOM_MAX && this.rungs < MAX_RUNGS) {
      const first = this.times[this.bottom[this.bottomHead]!]!;
      const last = this.times[this.bottom[this.bottomTail - 1]!]!;
      if (splittable(this.bottomTail - this.bottomHead, first, last)) {
        this.bottomToRung(first, last);
        this.place(slot, t);
        return;
      }
    }
    const times = this.times;
    const bottom = this.bottom;
    let lo = this.bottomHead;
    let hi = this.bottomTail;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[bottom[mid]!]! <= t) lo = mid + 1;
      else hi = mid;
    }
    if (this.bottomHead > 0 && lo - this.bottomHead <= this.bottomTail - lo) {
      bottom.copyWithin(this.bottomHead - 1, this.bottomHead, lo);
      this.bottomHead--;
      bottom[lo - 1] = slot;
      return;
    }
    if (this.bottomTail === bottom.length) this.growBottom();
    this.bottom.copyWithin(lo + 1, lo, this.bottomTail);
    this.bottom[lo] = slot;
    this.bottomTail++;
  }

  /** The bottom, grown long, becomes the finest rung (its range is below every other). */
  private bottomToRung(min: number, max: number): void {
    const bottom = this.bottom;
    const next = this.next;
    let first = NONE;
    for (let i = this.bottomTail - 1; i >= this.bottomHead; i--) {
      const s = bottom[i]!;
      next[s] = first;
      first = s;
    }
    const count = this.bottomTail - this.bottomHead;
    this.bottomHead = this.bottomTail = 0;
    this.spread(first, count, min, max);
  }

  /** Fills the empty bottom from the finest rung's next bucket, or from the top. */
  private refill(): void {
    while (this.bottomHead === this.bottomTail) {
      if (this.rungs === 0) {
        this.takeTop();
        continue;
      }
      const r = this.rungs - 1;
      const heads = this.rungHeads[r]!;
      const buckets = this.rungBuckets[r]!;
      let cur = this.rungCur[r]!;
      while (cur < buckets && heads[cur] === NONE) cur++;
      if (cur === buckets) {
        this.rungs--;
        continue;
      }
      const first = heads[cur]!;
      heads[cur] = NONE;
      this.rungCur[r] = cur + 1;
      // A rung whose last bucket is taken can hold nothing more (every new
      // entry's bucket would be below rungCur), so it goes now. Kept, it
      // would take a level while its last bucket, which collects all later
      // entries, splits into a rung under it: in a hold model below one far
      // entry that repeats until MAX_RUNGS, and the bottom then holds the
      // whole population with an O(n) insert.
      if (cur === buckets - 1) this.rungs--;
      this.bucketToBottom(first);
    }
  }

  /**
   * Bottom is empty: a bucket's list becomes the bottom, sorted, unless it is
   * large and spans more than one time, in which case it becomes a new rung.
   */
  private bucketToBottom(first: number): void {
    const times = this.times;
    const next = this.next;
    let bottom = this.bottom;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let s = first; s !== NONE; s = next[s]!) {
      if (n === bottom.length) bottom = this.growBottom();
      bottom[n++] = s;
      const t = times[s]!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    if (n > SPLIT_ABOVE && this.rungs < MAX_RUNGS && splittable(n, min, max)) {
      this.spread(first, n, min, max);
    } else {
      this.sortBottom(n);
    }
  }

  /** All rungs are spent: the top's entries become a rung (or the bottom). */
  private takeTop(): void {
    const first = this.topHead;
    this.topStart = this.topMax;
    this.topHead = NONE;
    this.topMax = -Infinity;
    // With no rung left, the bottom makes the same choice as for a bucket.
    this.bucketToBottom(first);
  }


  /** A new rung under the others from a list of entries in [min, max]. */
  private spread(first: number, count: number, min: number, max: number): void {
    const r = this.rungs++;
    const buckets = count * BUCKETS_PER_ENTRY;
    const width = (max - min) / buckets;
    this.rungStart[r] = min;
    this.rungWidth[r] = width;
    this.rungBuckets[r] = buckets;
    this.rungCur[r] = 0;
    let heads = this.rungHeads[r];
    if (heads === undefined || heads.length < buckets) {
      heads = new Int32Array(Math.max(buckets, 64));
      this.rungHeads[r] = heads;
    }
    heads.fill(NONE, 0, buckets);
    const last = buckets - 1;
    const times = this.times;
    const next = this.next;
    for (let s = first; s !== NONE; ) {
      const following = next[s]!;
      let b = Math.floor((times[s]! - min) / width);
      if (b > last) b = last;
      next[s] = heads[b]!;
      heads[b] = s;
      s = following;
    }
  }

  /** Sorts the first `n` entries of the bottom by (time, insertion). */
  private sortBottom(n: number): void {
    const bottom = this.bottom;
    const times = this.times;
    const seqs = this.seqs;
    if (n <= INSERTION_SORT_MAX) {
      for (let i = 1; i < n; i++) {
        const s = bottom[i]!;
        const t = times[s]!;
        const q = seqs[s]!;
        let j = i - 1;
        while (j >= 0) {
          const o = bottom[j]!;
          const ot = times[o]!;
          if (ot < t || (ot === t && seqs[o]! < q)) break;
          bottom[j + 1] = o;
          j--;
        }
        bottom[j + 1] = s;
      }
    } else {
      // Array#sort: n log n, for buckets too small to split, batches of equal
      // times, and buckets that cannot split because MAX_RUNGS is reached.
      const sorted = Array.from(bottom.subarray(0, n)).sort(
        (a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : seqs[a]! - seqs[b]!),
      );
      bottom.set(sorted);
    }
    this.bottomHead = 0;
    this.bottomTail = n;
  }

  private growBottom(): Int32Array {
    const bigger = new Int32Array(this.bottom.length * 2);
    bigger.set(this.bottom);
    this.bottom = bigger;
    return bigger;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const next = new Int32Array(capacity);
    next.set(this.next);
    this.next = next;
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }
}
