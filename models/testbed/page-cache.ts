/**
 * A worker's page cache at file granularity: a file's cached bytes are kept
 * or evicted together, least recently used first, within the memory left to
 * the cache. Coarser than the kernel's 4 KiB pages, which is enough to say
 * whether a container's reads find the data a pull has just written.
 */
export class PageCache {
  private readonly entries = new Map<string, number>();
  usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly capacityBytes: number) {}

  /** Whether `key` is cached; a hit refreshes its recency. */
  lookup(key: string): boolean {
    const size = this.entries.get(key);
    if (size === undefined) {
      this.misses++;
      return false;
    }
    this.entries.delete(key);
    this.entries.set(key, size);
    this.hits++;
    return true;
  }

  /** Caches `sizeBytes` under `key`, evicting the least recently used entries. */
  insert(key: string, sizeBytes: number): void {
    if (sizeBytes > this.capacityBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.usedBytes -= old;
    }
    while (this.usedBytes + sizeBytes > this.capacityBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.usedBytes -= this.entries.get(oldest)!;
      this.entries.delete(oldest);
    }
    this.entries.set(key, sizeBytes);
    this.usedBytes += sizeBytes;
  }
}
