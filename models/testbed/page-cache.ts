/**
 * A worker's page cache at file granularity: a file's cached bytes are kept
 * or evicted together, least recently used first, within the memory left to
 * the cache; a file bigger than the whole cache is never cached. Coarser
 * than the kernel's 4 KiB pages, which is enough to say whether a
 * container's reads find the data a pull has just written.
 *
 * A file is named by its layer (the layer's digest, so images sharing a
 * layer share its cached files) and its index in the layer's file table.
 *
 * Thousands of workers each extract layers of thousands of files, so the
 * recency order is not kept per file: it is a list of runs, each "files
 * first..last of one layer, least recent first". Extracting a layer appends
 * one run; touching a file inside a run splits the run around it; eviction
 * trims the oldest run from its least recent end. Memory grows with the
 * runs (layers plus files touched one by one), not with the files, and
 * file sizes are read from the layer's own table, shared by all workers.
 */
import type { FileEntry, Layer } from '../image.ts';

/** The cached runs of one layer, sorted by first file; never empty. */
interface LayerRuns {
  digest: string;
  runs: Run[];
}

/** Files first..last (inclusive) of one layer, cached, least recent first. */
interface Run {
  first: number;
  last: number;
  table: FileTable;
  layer: LayerRuns;
  older: Run | null;
  newer: Run | null;
}

export class PageCache {
  private readonly layers = new Map<string, LayerRuns>();
  private oldest: Run | null = null;
  private newest: Run | null = null;
  usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly capacityBytes: number) {}

  /**
   * Caches every file of `layer`, in file order, as its extraction writes
   * them; files bigger than the cache are skipped, and older files (this
   * layer's first files too, if it is bigger than the cache) are evicted.
   */
  insertLayer(layer: Layer): void {
    const table = fileTable(layer.files);
    const count = layer.files.length;
    if (count === 0) return;
    this.forgetFiles(layer.digest, count);
    const runs = this.runsOf(layer.digest);
    if (table.maxFileBytes <= this.capacityBytes) this.append(runs, table, 0, count - 1);
    else this.appendSkippingBigFiles(runs, table);
    if (runs.runs.length === 0) this.layers.delete(layer.digest);
    this.evictToCapacity();
  }

  /** Whether file `file` of `layer` is cached; a hit makes it the most recent. */
  lookupFile(layer: Layer, file: number): boolean {
    const run = this.runHolding(layer.digest, file);
    if (run === null) {
      this.misses++;
      return false;
    }
    this.hits++;
    this.moveToNewest(run, file);
    return true;
  }

  /** Caches file `file` of `layer` (just read from disk) as the most recent file. */
  insertFile(layer: Layer, file: number): void {
    const table = fileTable(layer.files);
    if (sizeOf(table, file, file) > this.capacityBytes) return;
    const run = this.runHolding(layer.digest, file);
    if (run !== null) {
      // Same file, same size: caching it again only refreshes its recency.
      this.moveToNewest(run, file);
      return;
    }
    this.append(this.runsOf(layer.digest), table, file, file);
    this.evictToCapacity();
  }

  /** Number of runs held: what the cache's memory grows with. */
  get runCount(): number {
    let n = 0;
    for (const layer of this.layers.values()) n += layer.runs.length;
    return n;
  }

  /** The cached files as `[digest, file index]`, least recent first. */
  *filesOldestFirst(): Generator<[string, number]> {
    for (let run = this.oldest; run !== null; run = run.newer) {
      for (let f = run.first; f <= run.last; f++) yield [run.layer.digest, f];
    }
  }

  private runsOf(digest: string): LayerRuns {
    let layer = this.layers.get(digest);
    if (layer === undefined) {
      layer = { digest, runs: [] };
      this.layers.set(digest, layer);
    }
    return layer;
  }

  private runHolding(digest: string, file: number): Run | null {
    const layer = this.layers.get(digest);
    if (layer === undefined) return null;
    const run = layer.runs[lastStartingAtOrBefore(layer.runs, file)];
    return run !== undefined && file <= run.last ? run : null;
  }

  /** Moves cached file `file` of `run` to the most recent end. */
  private moveToNewest(run: Run, file: number): void {
    if (run === this.newest && file === run.last) return;
    const { table } = run;
    this.usedBytes -= sizeOf(table, file, file);
    // The file's older and newer neighbours keep the run's place in the order.
    if (run.first === run.last) this.remove(run);
    else if (file === run.first) run.first++;
    else if (file === run.last) run.last--;
    else {
      const newer = this.newRun(run.layer, table, file + 1, run.last);
      run.last = file - 1;
      this.linkAfter(newer, run);
    }
    this.append(this.runsOf(run.layer.digest), table, file, file);
  }

  /**
   * Adds files first..last of a layer (none of them cached) as the most
   * recent; extends the newest run instead when it ends just before them.
   */
  private append(layer: LayerRuns, table: FileTable, first: number, last: number): void {
    this.usedBytes += sizeOf(table, first, last);
    const newest = this.newest;
    if (
      newest !== null &&
      newest.layer === layer &&
      newest.table === table &&
      newest.last === first - 1
    ) {
      newest.last = last;
      return;
    }
    this.link(this.newRun(layer, table, first, last));
  }

  private appendSkippingBigFiles(layer: LayerRuns, table: FileTable): void {
    const count = table.offsets.length - 1;
    let start = 0;
    for (let f = 0; f <= count; f++) {
      if (f < count && sizeOf(table, f, f) <= this.capacityBytes) continue;
      if (start < f) this.append(layer, table, start, f - 1);
      start = f + 1;
    }
  }

  /** Drops the cached files 0..count-1 of a layer about to be cached again. */
  private forgetFiles(digest: string, count: number): void {
    const layer = this.layers.get(digest);
    if (layer === undefined) return;
    for (const run of layer.runs.filter((r) => r.first < count)) {
      if (run.last < count) {
        this.usedBytes -= sizeOf(run.table, run.first, run.last);
        this.remove(run);
      } else {
        this.usedBytes -= sizeOf(run.table, run.first, count - 1);
        run.first = count;
      }
    }
  }

  /**
   * Evicts the least recent files until the cache fits its capacity: as
   * few as possible, which is what evicting one file at a time would do.
   */
  private evictToCapacity(): void {
    while (this.usedBytes > this.capacityBytes) {
      const run = this.oldest!;
      const { offsets } = run.table;
      const base = offsets[run.first]!;
      const target = base + (this.usedBytes - this.capacityBytes);
      const k = firstOffsetAtLeast(offsets, target, run.first + 1, run.last + 1);
      if (k > run.last) {
        this.usedBytes -= offsets[run.last + 1]! - base;
        this.remove(run);
      } else {
        this.usedBytes -= offsets[k]! - base;
        run.first = k;
      }
    }
  }

  private newRun(layer: LayerRuns, table: FileTable, first: number, last: number): Run {
    const run: Run = { first, last, table, layer, older: null, newer: null };
    layer.runs.splice(lastStartingAtOrBefore(layer.runs, first) + 1, 0, run);
    return run;
  }

  /** Takes a run out of the cache altogether. */
  private remove(run: Run): void {
    this.unlink(run);
    const runs = run.layer.runs;
    runs.splice(lastStartingAtOrBefore(runs, run.first), 1);
    if (runs.length === 0) this.layers.delete(run.layer.digest);
  }

  /** Links a run at the most recent end of the recency order. */
  private link(run: Run): void {
    run.older = this.newest;
    run.newer = null;
    if (this.newest !== null) this.newest.newer = run;
    else this.oldest = run;
    this.newest = run;
  }

  private linkAfter(run: Run, older: Run): void {
    run.older = older;
    run.newer = older.newer;
    if (older.newer !== null) older.newer.older = run;
    else this.newest = run;
    older.newer = run;
  }

  private unlink(run: Run): void {
    if (run.older !== null) run.older.newer = run.newer;
    else this.oldest = run.newer;
    if (run.newer !== null) run.newer.older = run.older;
    else this.newest = run.older;
    run.older = run.newer = null;
  }
}

/** Index of the last run whose first file is at or before `file`, or -1. */
function lastStartingAtOrBefore(runs: readonly Run[], file: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid]!.first <= file) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Smallest k in from..to with offsets[k] >= target, or to + 1 if none. */
function firstOffsetAtLeast(
  offsets: Float64Array,
  target: number,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bytes of files first..last (inclusive) of a layer. */
function sizeOf(table: FileTable, first: number, last: number): number {
  return table.offsets[last + 1]! - table.offsets[first]!;
}

/**
 * What the cache needs of a layer's file table, computed once per table and
 * shared by every worker's cache.
 */
interface FileTable {
  /**
   * Start offset in bytes of each file, the files laid end to end, then the
   * layer's total: the bytes of any run of files is one subtraction. Sizes
   * are whole byte counts, so these sums are exact and the cache's byte
   * accounting does not depend on the order of its arithmetic.
   */
  offsets: Float64Array;
  maxFileBytes: number;
}

// Weak, so that a table goes away with its image.
const tables = new WeakMap<readonly FileEntry[], FileTable>();

function fileTable(files: readonly FileEntry[]): FileTable {
  const known = tables.get(files);
  if (known !== undefined && known.offsets.length === files.length + 1) return known;
  const offsets = new Float64Array(files.length + 1);
  let maxFileBytes = 0;
  for (let f = 0; f < files.length; f++) {
    const size = files[f]!.sizeBytes;
    if (!Number.isInteger(size) || size < 0) {
      throw new Error(`page cache: file ${f} has ${size} bytes, not a whole count`);
    }
    offsets[f + 1] = offsets[f]! + size;
    maxFileBytes = Math.max(maxFileBytes, size);
  }
  if (!Number.isSafeInteger(offsets[files.length]!)) {
    throw new Error('page cache: a layer too large to count its bytes exactly');
  }
  const table = { offsets, maxFileBytes };
  tables.set(files, table);
  return table;
}
