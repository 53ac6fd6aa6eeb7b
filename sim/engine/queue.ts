/**
 * A binary min-heap of timed callbacks, ordered by (time, insertion order).
 *
 * Times and sequence numbers live in typed arrays so the hot path allocates
 * nothing per event; only the callback slot holds an object. Ties in time are
 * broken by the order of insertion, which is what makes a run deterministic.
 */
export type Callback = () => void;

export class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private fns: Callback[] = [];
  private size = 0;
  private nextSeq = 0;

  get length(): number {
    return this.size;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  push(timeSec: number, fn: Callback): void {
    if (this.size === this.times.length) this.grow();
    let i = this.size++;
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeSec || (pt === timeSec && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      fns[i] = fns[parent]!;
      i = parent;
    }
    times[i] = timeSec;
    seqs[i] = seq;
    fns[i] = fn;
  }

  /** Removes the earliest entry and returns its callback; the caller reads its time first. */
  pop(): Callback {
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const top = fns[0]!;
    const n = --this.size;
    if (n === 0) {
      fns[0] = undefined as unknown as Callback;
      return top;
    }
    const t = times[n]!;
    const s = seqs[n]!;
    const f = fns[n]!;
    fns[n] = undefined as unknown as Callback;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (times[right]! < times[child]! ||
          (times[right] === times[child] && seqs[right]! < seqs[child]!))
      ) {
        child = right;
      }
      const ct = times[child]!;
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      fns[i] = fns[child]!;
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    fns[i] = f;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }
}
