/**
 * A worker's local image (or layer) store with kubelet-style garbage
 * collection.
 *
 * The store is a bounded disk. When its usage reaches the high threshold
 * (85% of capacity by default, as kubelet's `imageGCHighThresholdPercent`),
 * `collect` deletes the least recently used entries that no running container
 * uses until usage is at most the low threshold (80%, as
 * `imageGCLowThresholdPercent`). Entries in use are pinned and never deleted.
 *
 * Kubelet runs this check on a timer (every 5 minutes); by default the store
 * runs it after every `add`, which is the same policy without the lag. Turn
 * `collectOnAdd` off and call `collect` from a simulation timer to model the
 * lag. Kubelet's minimum image age (`imageMinimumGCAge`) is not modelled.
 *
 * Keys are whatever the model stores: image names, or layer digests when
 * layers are shared between images (the model then decides which layers an
 * image pins).
 */
import type { CacheKey, EvictionListener } from './policy.ts';

export interface ImageStoreOptions<K extends CacheKey> {
  /** Usage (percent of capacity) at which collection starts; default 85. */
  highThresholdPercent?: number;
  /** Usage (percent of capacity) collection brings the store down to; default 80. */
  lowThresholdPercent?: number;
  /** Collect right after each `add`; default true. */
  collectOnAdd?: boolean;
  /** Called for each entry deleted by collection or to make room. */
  onEvict?: EvictionListener<K>;
}

export interface ImageStoreStats {
  /** `add` calls that found the entry already stored. */
  hits: number;
  /** `add` calls that stored a new entry. */
  misses: number;
  /** `add` calls refused because pinned entries left no room. */
  refusals: number;
  evictions: number;
  bytesEvicted: number;
  /** `collect` runs that deleted at least one entry. */
  collections: number;
}

interface Stored {
  sizeBytes: number;
  pins: number;
}

export class ImageStore<K extends CacheKey = CacheKey> {
  readonly highThresholdPercent: number;
  readonly lowThresholdPercent: number;
  readonly stats: ImageStoreStats = {
    hits: 0,
    misses: 0,
    refusals: 0,
    evictions: 0,
    bytesEvicted: 0,
    collections: 0,
  };
  /** Entries in order of last use, least recent first (a Map keeps insertion order). */
  private readonly entries = new Map<K, Stored>();
  private storedBytes = 0;
  private pinnedTotalBytes = 0;
  private readonly collectOnAdd: boolean;
  private readonly onEvict?: EvictionListener<K>;

  /** A store on a disk of `capacityBytes` bytes. */
  constructor(
    readonly capacityBytes: number,
    options: ImageStoreOptions<K> = {},
  ) {
    const high = options.highThresholdPercent ?? 85;
    const low = options.lowThresholdPercent ?? 80;
    if (!(Number.isFinite(capacityBytes) && capacityBytes >= 0)) {
      throw new RangeError(`image store capacity must be bytes >= 0, got ${capacityBytes}`);
    }
    if (!(low >= 0 && low <= high && high <= 100)) {
      throw new RangeError(
        'image GC thresholds must satisfy 0 <= low <= high <= 100 (percent), ' +
          `got low ${low}, high ${high}`,
      );
    }
    this.highThresholdPercent = high;
    this.lowThresholdPercent = low;
    this.collectOnAdd = options.collectOnAdd ?? true;
    this.onEvict = options.onEvict;
  }

  /** Bytes stored now. */
  get usedBytes(): number {
    return this.storedBytes;
  }

  /** Bytes of entries that are pinned now. */
  get pinnedBytes(): number {
    return this.pinnedTotalBytes;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Size of the stored entry, or undefined. */
  sizeOf(key: K): number | undefined {
    return this.entries.get(key)?.sizeBytes;
  }

  /** Pins held on `key` (0 when unpinned or absent). */
  pinsOf(key: K): number {
    return this.entries.get(key)?.pins ?? 0;
  }

  /** Mark `key` as used now; returns false when it is not stored. */
  touch(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return true;
  }

  /**
   * Store `key` of `sizeBytes` bytes (or mark it used if already stored).
   * If the disk lacks room, unpinned entries are deleted, least recently used
   * first; if even that cannot make room, nothing is deleted and false is
   * returned (the pull fails for lack of disk). Then, with `collectOnAdd`,
   * runs {@link collect}.
   */
  add(key: K, sizeBytes: number): boolean {
    if (this.touch(key)) {
      this.stats.hits++;
      return true;
    }
    if (!(sizeBytes >= 0 && sizeBytes < Infinity)) {
      throw new RangeError(
        `image store entry ${String(key)}: size must be >= 0 bytes, got ${sizeBytes}`,
      );
    }
    if (this.pinnedTotalBytes + sizeBytes > this.capacityBytes) {
      this.stats.refusals++;
      return false;
    }

    this.stats.misses++;
    this.deleteLeastRecent(this.capacityBytes - sizeBytes);
    this.entries.set(key, { sizeBytes, pins: 0 });
    this.storedBytes += sizeBytes;
    if (this.collectOnAdd) this.collect();
    return true;
  }

  /**
   * Kubelet's image GC pass: when usage is at or above the high threshold,
   * delete unpinned entries, least recently used first, until usage is at
   * most the low threshold (or only pinned entries remain). Returns the bytes
   * freed.
   */
  collect(): number {
    const highBytes = (this.capacityBytes * this.highThresholdPercent) / 100;
    if (this.storedBytes < highBytes || this.storedBytes === 0) return 0;
    const lowBytes = (this.capacityBytes * this.lowThresholdPercent) / 100;
    const freedBytes = this.deleteLeastRecent(lowBytes);
    if (freedBytes > 0) this.stats.collections++;
    return freedBytes;
  }

  /** A container starts using `key`: it cannot be deleted until unpinned. */
  pin(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      throw new Error(`image store: cannot pin ${String(key)}, not stored`);
    }
    if (entry.pins === 0) this.pinnedTotalBytes += entry.sizeBytes;
    entry.pins++;
    this.touch(key);
  }

  /** A container stopped using `key`. */
  unpin(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.pins === 0) {
      throw new Error(`image store: cannot unpin ${String(key)}, it is not pinned`);
    }
    entry.pins--;
    if (entry.pins === 0) this.pinnedTotalBytes -= entry.sizeBytes;
  }

  /** Delete `key` on request (e.g. `docker rmi`); refuses pinned entries. */
  remove(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    if (entry.pins > 0) throw new Error(`image store: cannot remove ${String(key)}, in use`);
    this.entries.delete(key);
    this.storedBytes -= entry.sizeBytes;
    return true;
  }

  /** Delete unpinned entries, oldest use first, until usage <= `targetBytes`. */
  private deleteLeastRecent(targetBytes: number): number {
    let freedBytes = 0;
    for (const [key, entry] of this.entries) {
      if (this.storedBytes <= targetBytes) break;
      if (entry.pins > 0) continue;
      this.entries.delete(key);
      this.storedBytes -= entry.sizeBytes;
      freedBytes += entry.sizeBytes;
      this.stats.evictions++;
      this.stats.bytesEvicted += entry.sizeBytes;
      this.onEvict?.(key, entry.sizeBytes);
    }
    return freedBytes;
  }
}
