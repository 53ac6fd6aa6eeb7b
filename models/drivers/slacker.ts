/**
 * Docker with the Slacker storage driver.
 *
 * Every layer and container is an NFS file on the shared storage server,
 * holding a flattened ext4 image (a child layer starts as a clone of its
 * parent, so the top layer's file holds the whole image and no union lookup
 * exists). The registry only maps layers to snapshot ids.
 *
 * - push: `snapshot()` of the container's file; only ids are uploaded.
 * - pull: fetch the ids; layers below the top are never cloned unless Docker
 *   mounts them (lazy cloning), so a pull moves no data.
 * - run: `clone()` the top snapshot, attach it with a loop device and mount
 *   its ext4. Every block the container needs and no cache holds is fetched
 *   over NFS, lazily. Caches: the page cache above ext4 (per mount), and the
 *   block cache below the loop device, shared by clones of one image when
 *   `cache_sharing` is on (the paper's loopback change), private otherwise.
 * - writes go to the clone's own blocks (block-level copy-on-write): no
 *   whole-file copy-up.
 */
import type { ProcessBody } from '../../sim/engine/process.ts';
import { SimulationError } from '../../sim/errors.ts';
import type { FileRef, Image, StartupOp } from '../image.ts';
import type { SlackerConfig } from '../scenario/config.ts';
import type { NfsFile } from '../storage-server.ts';
import type { Testbed } from '../testbed/testbed.ts';
import type { Worker } from '../testbed/worker.ts';
import { DockerDriver, type Container, type Cost } from './docker.ts';
import type { PhaseReport } from './driver.ts';
import { BitmapBlocks, PolicyBlocks, type BlockCacheView } from './block-cache.ts';
import { FlatLayout } from './flat-layout.ts';

/** A layer on the wire is a tiny tar holding its snapshot id. */
const ID_BLOB_BYTES = 1024;

/**
 * Blocks per content space in a block's content key (2^26 blocks of 4 KiB:
 * 256 GiB per layer), leaving 2^27 spaces below 2^53.
 */
const SPACE_BLOCKS = 2 ** 26;

interface SlackerContainer extends Container {
  layout: FlatLayout;
  clone: NfsFile | null;
  /** Block cache below the loop device (shared per image, or this clone's own). */
  blockCache: BlockCacheView;
  /** The page cache above this container's ext4 mount, by block of the flat image. */
  pageCache: BitmapBlocks;
}

export class SlackerDriver extends DockerDriver<SlackerContainer> {
  readonly kind = 'slacker';
  private readonly snapshots = new Map<string, NfsFile>();
  private readonly layouts = new Map<Image, FlatLayout>();
  private readonly sharedCaches = new Map<Worker, Map<string, BlockCacheView>>();
  /** Content spaces by name: a layer digest, or an image's inode table. */
  private readonly contentSpaces = new Map<string, number>();
  private nextSpace = 0;
  /** NFS READ requests sent and blocks fetched, for tests and reports. */
  nfsReads = 0;
  blocksFetched = 0;

  constructor(readonly config: SlackerConfig) {
    super(config.name, config);
  }

  protected blobBytes(): number {
    return ID_BLOB_BYTES;
  }

  /** The flattened layout of `image` (computed once per image). */
  layout(image: Image): FlatLayout {
    let layout = this.layouts.get(image);
    if (!layout) {
      layout = new FlatLayout(image, this.config.blockSizeBytes);
      this.layouts.set(image, layout);
    }
    return layout;
  }

  override publish(tb: Testbed, image: Image): void {
    super.publish(tb, image);
    this.ensureSnapshot(tb, image);
  }

  override seed(tb: Testbed, worker: Worker, image: Image): void {
    super.seed(tb, worker, image);
    this.ensureSnapshot(tb, image);
  }

  /** The image's flattened file system exists on the server as a snapshot. */
  private ensureSnapshot(tb: Testbed, image: Image): void {
    if (this.snapshots.has(image.name)) return;
    const layout = this.layout(image);
    const size = layout.totalBlocks * this.config.blockSizeBytes;
    this.snapshots.set(image.name, tb.storageServer.importSnapshot(image.name, size));
  }

  protected *uploadLayer(tb: Testbed, _worker: Worker, image: Image, index: number, report: PhaseReport): ProcessBody<void> {
    // Only the container's own (top) layer is new; lower layers are
    // snapshots already and push just their ids.
    if (index !== image.layers.length - 1) return;
    const start = tb.sim.now;
    const source = tb.storageServer.createFile(image.name, 0);
    const snap = yield* tb.storageServer.snapshot(source);
    this.snapshots.set(image.name, { ...snap, blockStore: image.name });
    report.addTime('snapshot', tb.sim.now - start);
  }

  protected *applyLayer(): ProcessBody<void> {
    // Lazy cloning: nothing happens until Docker mounts a layer.
  }

  protected newContainer(tb: Testbed, base: Container): SlackerContainer {
    const layout = this.layout(base.image);
    return {
      ...base,
      layout,
      clone: null,
      blockCache: this.blockCacheFor(tb, base, layout),
      pageCache: new BitmapBlocks(layout.totalBlocks),
    };
  }

  private blockCacheFor(_tb: Testbed, c: Container, layout: FlatLayout): BlockCacheView {
    const fresh = (): BlockCacheView =>
      c.worker.blockCache
        ? new PolicyBlocks(c.worker.blockCache, this.nextSpace++, this.config.blockSizeBytes)
        : new BitmapBlocks(layout.totalBlocks);
    if (!this.config.cacheSharing) return fresh();
    let perWorker = this.sharedCaches.get(c.worker);
    if (!perWorker) {
      perWorker = new Map();
      this.sharedCaches.set(c.worker, perWorker);
    }
    let cache = perWorker.get(c.image.name);
    if (!cache) {
      cache = fresh();
      perWorker.set(c.image.name, cache);
    }
    return cache;
  }

  /** Only the snapshot id of a pulled layer is stored on the worker. */
  protected override storedBytes(): number {
    return ID_BLOB_BYTES;
  }

  protected *mount(tb: Testbed, c: SlackerContainer): ProcessBody<void> {
    const snap = this.snapshots.get(c.image.name);
    if (!snap) throw new Error(`${c.image.name} has no snapshot on the storage server`);
    c.clone = yield* tb.storageServer.clone(snap.id);
    yield this.config.mountOverheadSec;
  }

  protected open(tb: Testbed, c: SlackerContainer, ref: FileRef): Cost {
    if (ref.layer < 0) return 0;
    const block = c.layout.inodeBlock(ref.layer, ref.file);
    if (c.blockCache.lookup(block)) return 0;
    const keyBase = this.contentKey(`${c.image.name} inodes`, block) - block;
    return this.readBlocks(tb, c, [[block, block]], keyBase, 0);
  }

  protected read(tb: Testbed, c: SlackerContainer, op: Extract<StartupOp, { op: 'read' }>): Cost {
    const copy = c.worker.memoryCopySec(op.lengthBytes);
    if (op.layer < 0) return copy;
    const range = c.layout.blocks(op.layer, op.file, op.offsetBytes, op.lengthBytes);
    if (!range || this.inPageCache(c, range[0], range[1])) return copy;
    const requests = this.missingRuns(c, range[0], range[1]);
    if (requests.length === 0) return copy;
    const lastBlock = requests.at(-1)![1];
    const offset = lastBlock - c.layout.layerStart[op.layer]!;
    const keyBase = this.contentKey(c.image.layers[op.layer]!.digest, offset) - lastBlock;
    return this.readBlocks(tb, c, requests, keyBase, copy);
  }

  /** Whether blocks [first, last] are all in the container's page cache; marks them as read. */
  private inPageCache(c: SlackerContainer, first: number, last: number): boolean {
    let all = true;
    for (let b = first; b <= last; b++) {
      if (c.pageCache.peek(b)) continue;
      all = false;
      c.pageCache.insert(b);
    }
    return all;
  }

  /** Runs of missing blocks in [first, last], each at most one NFS read long. */
  private missingRuns(c: SlackerContainer, first: number, last: number): [number, number][] {
    const perRead = Math.max(1, Math.floor(this.config.nfsReadSizeBytes / this.config.blockSizeBytes));
    const runs: [number, number][] = [];
    let b = first;
    while (b <= last) {
      if (c.blockCache.lookup(b)) {
        b++;
        continue;
      }
      let end = b;
      while (end < last && end - b + 1 < perRead && !c.blockCache.peek(end + 1)) end++;
      runs.push([b, end]);
      b = end + 1;
    }
    return runs;
  }

  /**
   * Fetches runs of missing blocks into the block cache, `nfs_in_flight` NFS
   * reads at a time (a wave of reads issued together completes together),
   * then spends `copySec` copying out. The content key of block `b` is
   * `keyBase + b`.
   */
  private *readBlocks(tb: Testbed, c: SlackerContainer, runs: [number, number][], keyBase: number, copySec: number): ProcessBody<void> {
    const size = this.config.blockSizeBytes;
    const wave = this.config.nfsInFlight;
    for (let i = 0; i < runs.length; i += wave) {
      const batch = runs.length <= wave ? runs : runs.slice(i, i + wave);
      this.nfsReads += batch.length;
      const reads = batch.map(([s, e]) => [keyBase + s, (e - s + 1) * size] as const);
      yield* tb.storageServer.readWave(c.worker.host, reads);
      for (const [s, e] of batch) {
        this.blocksFetched += e - s + 1;
        c.blockCache.insertRange(s, e);
        c.report.addBytes('bytes_fetched', (e - s + 1) * size);
      }
    }
    if (copySec > 0) yield copySec;
  }

  /**
   * The content key of block `offset` of a content space: a layer (by
   * digest) or an image's inode table. A layer's blocks get the same keys in
   * every image and clone, so the storage server finds them warm wherever
   * they were read first, as its deduplicated block store would.
   */
  private contentKey(space: string, offset: number): number {
    if (offset >= SPACE_BLOCKS) {
      throw new SimulationError(`${space}: block ${offset} is past the ${SPACE_BLOCKS} blocks a layer may hold`);
    }
    let id = this.contentSpaces.get(space);
    if (id === undefined) {
      id = this.contentSpaces.size;
      this.contentSpaces.set(space, id);
    }
    return id * SPACE_BLOCKS + offset;
  }

  protected write(_tb: Testbed, c: SlackerContainer, op: Extract<StartupOp, { op: 'write' }>): Cost {
    // Block-level copy-on-write in the clone: the write lands in the page
    // cache and is written back later; nothing is copied up.
    return c.worker.memoryCopySec(op.lengthBytes);
  }

}
