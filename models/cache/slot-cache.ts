/**
 * What every policy shares: argument checks, counters, listeners, and the
 * moves between queues that keep `usedBytes` exact. A policy only says what a
 * hit does to its queues and where a missed entry goes.
 */
import {
  emptyStats,
  type CacheKey,
  type CachePolicy,
  type CacheStats,
  type EvictionListener,
  type PolicyName,
} from './policy.ts';
import type { SlotList } from './slot-list.ts';
import { isResidentTag, SlotTable } from './slot-table.ts';

/** Options every policy accepts. */
export interface BaseCacheOptions<K extends CacheKey> {
  /** Called for each eviction; more can be added with `onEvict`. */
  onEvict?: EvictionListener<K>;
  /** Entries to make room for up front (the arrays double as needed anyway). */
  initialEntries?: number;
}

export abstract class SlotCache<K extends CacheKey> implements CachePolicy<K> {
  abstract readonly policy: PolicyName;
  readonly stats: CacheStats = emptyStats();
  protected readonly table: SlotTable<K>;
  /** The queue of each tag, so `remove` can unlink any slot. */
  protected readonly listByTag: SlotList[] = [];
  private residentBytes = 0;
  private residentCount = 0;
  private listeners: EvictionListener<K>[] = [];

  constructor(
    readonly capacityBytes: number,
    options: BaseCacheOptions<K> = {},
  ) {
    if (!(Number.isFinite(capacityBytes) && capacityBytes >= 0)) {
      throw new RangeError(
        `cache capacity must be a finite number of bytes >= 0, got ${capacityBytes}`,
      );
    }
    this.table = new SlotTable<K>(options.initialEntries ?? 64);
    if (options.onEvict) this.listeners.push(options.onEvict);
  }

  get usedBytes(): number {
    return this.residentBytes;
  }

  get entryCount(): number {
    return this.residentCount;
  }

  access(key: K, sizeBytes: number): boolean {
    const slot = this.table.index.get(key);
    if (slot !== undefined && isResidentTag(this.table.tag[slot]!)) {
      if (this.table.sizeBytes[slot] !== sizeBytes) this.throwSizeChange(key, slot, sizeBytes);
      this.stats.hits++;
      this.stats.bytesHit += sizeBytes;
      this.onHit(slot);
      return true;
    }

    if (!(sizeBytes > 0 && sizeBytes < Infinity)) {
      throw new RangeError(
        `cache entry ${String(key)}: size must be > 0 bytes, got ${sizeBytes}`,
      );
    }
    this.stats.misses++;
    this.stats.bytesMissed += sizeBytes;
    if (sizeBytes > this.capacityBytes) return false;
    this.admit(key, sizeBytes, slot ?? -1);
    return false;
  }

  has(key: K): boolean {
    const slot = this.table.index.get(key);
    return slot !== undefined && isResidentTag(this.table.tag[slot]!);
  }

  remove(key: K): boolean {
    const slot = this.table.index.get(key);
    if (slot === undefined) return false;
    const resident = isResidentTag(this.table.tag[slot]!);
    this.detach(slot);
    if (resident) this.forget(slot);
    this.table.release(slot);
    return resident;
  }

  onEvict(listener: EvictionListener<K>): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  /** Update the queues for a hit on resident `slot`. */
  protected abstract onHit(slot: number): void;

  /**
   * Make room for and admit `key` of `sizeBytes` (<= capacity). `ghostSlot`
   * is the slot of a remembered ghost of this key, or -1.
   */
  protected abstract admit(key: K, sizeBytes: number, ghostSlot: number): void;

  /** Take `slot` off whatever queue holds it. */
  protected detach(slot: number): void {
    this.listByTag[this.table.tag[slot]!]!.unlink(slot);
  }

  /** Register `list` as the queue for its tag (call once per queue). */
  protected register(list: SlotList): SlotList {
    this.listByTag[list.tag] = list;
    return list;
  }

  /** Admit a new resident entry at the newest end of `list`; returns its slot. */
  protected insert(key: K, sizeBytes: number, list: SlotList): number {
    const slot = this.table.alloc(key, sizeBytes, list.tag);
    list.append(slot);
    this.residentBytes += sizeBytes;
    this.residentCount++;
    return slot;
  }

  /** Evict resident `slot` for good (no ghost is kept). */
  protected evict(slot: number): void {
    const key = this.table.keys[slot] as K;
    const sizeBytes = this.table.sizeBytes[slot]!;
    this.detach(slot);
    this.forget(slot);
    this.table.release(slot);
    this.countEviction(key, sizeBytes);
  }

  /** Evict resident `slot` from `from` but remember its key on `ghosts`. */
  protected evictToGhost(slot: number, from: SlotList, ghosts: SlotList): void {
    const key = this.table.keys[slot] as K;
    const sizeBytes = this.table.sizeBytes[slot]!;
    from.unlink(slot);
    this.forget(slot);
    ghosts.append(slot);
    this.countEviction(key, sizeBytes);
  }

  /** Drop the oldest ghost of `ghosts`. */
  protected dropOldestGhost(ghosts: SlotList): void {
    const slot = ghosts.oldest;
    ghosts.unlink(slot);
    this.table.release(slot);
  }

  private forget(slot: number): void {
    this.residentBytes -= this.table.sizeBytes[slot]!;
    this.residentCount--;
  }

  private countEviction(key: K, sizeBytes: number): void {
    this.stats.evictions++;
    this.stats.bytesEvicted += sizeBytes;
    for (const listener of this.listeners) listener(key, sizeBytes);
  }

  private throwSizeChange(key: K, slot: number, sizeBytes: number): never {
    const heldBytes = this.table.sizeBytes[slot];
    throw new RangeError(
      `cache entry ${String(key)} is held with ${heldBytes} bytes but was accessed ` +
        `with ${sizeBytes} bytes; one key must always have one size`,
    );
  }
}
