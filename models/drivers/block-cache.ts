/**
 * The block cache below a loop device, as one driver container sees it:
 * either unbounded (a bitmap per cache space) or a share of the worker's
 * bounded block cache under an eviction policy. A cache space is an image
 * (clones share it) or a single clone (no sharing).
 */
import type { CachePolicy } from '../cache/policy.ts';

export interface BlockCacheView {
  /** Whether `block` is cached; a bounded cache counts the hit. */
  lookup(block: number): boolean;
  /** Whether `block` is cached, without touching recency or counters. */
  peek(block: number): boolean;
  insert(block: number): void;
  /** Inserts blocks first..last, in order. */
  insertRange(first: number, last: number): void;
}

export class BitmapBlocks implements BlockCacheView {
  private readonly bits: Uint8Array;

  constructor(blocks: number) {
    this.bits = new Uint8Array(Math.ceil(blocks / 8));
  }

  lookup(block: number): boolean {
    return this.peek(block);
  }

  peek(block: number): boolean {
    return (this.bits[block >> 3]! & (1 << (block & 7))) !== 0;
  }

  insert(block: number): void {
    this.bits[block >> 3]! |= 1 << (block & 7);
  }

  insertRange(first: number, last: number): void {
    let b = first;
    for (; b <= last && (b & 7) !== 0; b++) this.insert(b);
    // Whole bytes at once in the middle.
    const wholeEnd = (last + 1) & ~7;
    if (b < wholeEnd) {
      this.bits.fill(0xff, b >> 3, wholeEnd >> 3);
      b = wholeEnd;
    }
    for (; b <= last; b++) this.insert(b);
  }
}

/** Blocks per cache space in a key: 2^26 blocks of 4 KiB = 256 GiB per image. */
const SPACE = 2 ** 26;

export class PolicyBlocks implements BlockCacheView {
  constructor(
    private readonly cache: CachePolicy<number>,
    private readonly space: number,
    private readonly blockSizeBytes: number,
  ) {}

  lookup(block: number): boolean {
    const key = this.space * SPACE + block;
    return this.cache.has(key) && this.cache.access(key, this.blockSizeBytes);
  }

  peek(block: number): boolean {
    return this.cache.has(this.space * SPACE + block);
  }

  insert(block: number): void {
    this.cache.access(this.space * SPACE + block, this.blockSizeBytes);
  }

  insertRange(first: number, last: number): void {
    for (let b = first; b <= last; b++) this.insert(b);
  }
}
