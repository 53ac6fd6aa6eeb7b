/**
 * A binary min-heap of timed callbacks, ordered by (time, insertion order).
 *
 * Times and sequence numbers live in typed arrays and each entry carries an
 * argument for its callback, so a hot path can schedule a shared function
 * with a payload and allocate nothing per event. Ties in time are broken by
 * the order of insertion, which is what makes a run deterministic.
 */
export type Callback<A = any> = (arg: A) => void;

export class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private fns: Callback[] = [];
  private args: unknown[] = [];
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
    let i = this.size++;
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    // Sift the hole up while the parent is later (or equal and inserted later).
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeSec || (pt === timeSec && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      fns[i] = fns[parent]!;
      args[i] = args[parent];
      i = parent;
    }
    times[i] = timeSec;
    seqs[i] = seq;
    fns[i] = fn;
    args[i] = arg;
  }

  /**
   * Removes the earliest entry and returns its callback; its argument is left
   * in `poppedArg`. The caller reads the entry's time first with `peekTime`.
   */
  pop(): Callback {
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    const top = fns[0]!;
    this.poppedArg = args[0];
    const n = --this.size;
    const t = times[n]!;
    const s = seqs[n]!;
    const f = fns[n]!;
    const a = args[n];
    fns[n] = undefined as unknown as Callback;
    args[n] = undefined;
    if (n === 0) return top;
    // Sift the last entry down from the root.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) {
          child = right;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      fns[i] = fns[child]!;
      args[i] = args[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    fns[i] = f;
    args[i] = a;
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
