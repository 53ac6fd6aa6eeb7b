/** Sets of byte ranges of one file, so repeated reads of the same bytes count once. */
export class ByteRanges {
  /** Sorted, disjoint, non-adjacent [start, end) pairs. */
  private ranges: Array<[number, number]> = [];

  /** Adds bytes `startByte .. endByte - 1`. */
  add(startByte: number, endByte: number): void {
    if (endByte <= startByte) return;
    const out: Array<[number, number]> = [];
    let s = startByte;
    let e = endByte;
    let placed = false;
    for (const [a, b] of this.ranges) {
      if (b < s) out.push([a, b]);
      else if (a > e) {
        if (!placed) out.push([s, e]);
        placed = true;
        out.push([a, b]);
      } else {
        s = Math.min(s, a);
        e = Math.max(e, b);
      }
    }
    if (!placed) out.push([s, e]);
    this.ranges = out;
  }

  /** Number of distinct bytes in the set. */
  totalBytes(): number {
    let total = 0;
    for (const [a, b] of this.ranges) total += b - a;
    return total;
  }

  /** Number of bytes in both this set and `other`. */
  overlapBytes(other: ByteRanges): number {
    let total = 0;
    let j = 0;
    for (const [a, b] of this.ranges) {
      while (j < other.ranges.length && other.ranges[j]![1] <= a) j++;
      for (let k = j; k < other.ranges.length && other.ranges[k]![0] < b; k++) {
        const [c, d] = other.ranges[k]!;
        total += Math.max(0, Math.min(b, d) - Math.max(a, c));
      }
    }
    return total;
  }
}
