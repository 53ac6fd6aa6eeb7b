/**
 * A binary min-heap whose entries know their own position, so an entry can
 * be re-keyed or removed in O(log n). Ordered by `heapKey`, ties by
 * `heapSeq` (a creation counter), which keeps simultaneous entries in a
 * deterministic order.
 */
export interface HeapEntry {
  heapKey: number;
  heapSeq: number;
  /** Position in the heap, -1 when not in it. */
  heapIndex: number;
}

export class IndexedHeap<T extends HeapEntry> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The entry with the smallest key, or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(item: T): void {
    const i = item.heapIndex;
    const last = this.items.pop()!;
    item.heapIndex = -1;
    if (last === item) return;
    this.items[i] = last;
    last.heapIndex = i;
    this.down(i);
    this.up(last.heapIndex);
  }

  /** Changes an entry's key, inserting the entry if it is not in the heap. */
  update(item: T, key: number): void {
    const old = item.heapKey;
    item.heapKey = key;
    if (item.heapIndex < 0) this.push(item);
    else if (key < old) this.up(item.heapIndex);
    else if (key > old) this.down(item.heapIndex);
  }

  /** All entries, in heap order (not sorted). */
  entries(): readonly T[] {
    return this.items;
  }

  private before(a: T, b: T): boolean {
    return a.heapKey < b.heapKey || (a.heapKey === b.heapKey && a.heapSeq < b.heapSeq);
  }

  private up(start: number): void {
    const items = this.items;
    const item = items[start]!;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.before(item, p)) break;
      items[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(start: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(items[child + 1]!, items[child]!)) child++;
      const c = items[child]!;
      if (!this.before(c, item)) break;
      items[i] = c;
      c.heapIndex = i;
      i = child;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}
