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
import { Semaphore } from '../../sim/engine/semaphore.ts';
import type { FileRef, Image, StartupOp } from '../image.ts';
import type { SlackerConfig } from '../scenario/config.ts';
import type { NfsFile } from '../storage-server.ts';
import type { Testbed } from '../testbed/testbed.ts';
import type { Worker } from '../testbed/worker.ts';
import { DockerDriver, type Container } from './docker.ts';
import type { PhaseReport } from './driver.ts';
import { FlatLayout } from './flat-layout.ts';

/** A layer on the wire is a tiny tar holding its snapshot id. */
const ID_BLOB_BYTES = 1024;

interface SlackerContainer extends Container {
  layout: FlatLayout;
  clone: NfsFile | null;
  /** Block cache below the loop device (shared per image, or this clone's own). */
  blockCache: Uint8Array;
}

export class SlackerDriver extends DockerDriver<SlackerContainer> {
  readonly kind = 'slacker';
  private readonly snapshots = new Map<string, NfsFile>();
  private readonly layouts = new Map<Image, FlatLayout>();
  private readonly sharedCaches = new Map<Worker, Map<string, Uint8Array>>();
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
    return { ...base, layout, clone: null, blockCache: this.blockCacheFor(tb, base, layout) };
  }

  private blockCacheFor(_tb: Testbed, c: Container, layout: FlatLayout): Uint8Array {
    const bytes = Math.ceil(layout.totalBlocks / 8);
    if (!this.config.cacheSharing) return new Uint8Array(bytes);
    let perWorker = this.sharedCaches.get(c.worker);
    if (!perWorker) {
      perWorker = new Map();
      this.sharedCaches.set(c.worker, perWorker);
    }
    let cache = perWorker.get(c.image.name);
    if (!cache) {
      cache = new Uint8Array(bytes);
      perWorker.set(c.image.name, cache);
    }
    return cache;
  }

  protected *mount(tb: Testbed, c: SlackerContainer): ProcessBody<void> {
    const snap = this.snapshots.get(c.image.name);
    if (!snap) throw new Error(`${c.image.name} has no snapshot on the storage server`);
    c.clone = yield* tb.storageServer.clone(snap.id);
    yield this.config.mountOverheadSec;
  }

  protected *open(tb: Testbed, c: SlackerContainer, ref: FileRef): ProcessBody<void> {
    if (ref.layer < 0) return;
    const block = c.layout.inodeBlock(ref.layer, ref.file);
    if (isCached(c.blockCache, block)) return;
    yield* this.fetch(tb, c, block, block, `${c.image.name}:inode${block}`);
  }

  protected *read(tb: Testbed, c: SlackerContainer, op: Extract<StartupOp, { op: 'read' }>): ProcessBody<void> {
    if (op.layer < 0) {
      yield c.worker.memoryCopySec(op.lengthBytes);
      return;
    }
    const pageKey = `${c.id}#${op.layer}:${op.file}`;
    if (c.worker.pageCache.lookup(pageKey)) {
      yield c.worker.memoryCopySec(op.lengthBytes);
      return;
    }
    const range = c.layout.blocks(op.layer, op.file, op.offsetBytes, op.lengthBytes);
    if (range) yield* this.readBlocks(tb, c, op.layer, op.file, range[0], range[1]);
    yield c.worker.memoryCopySec(op.lengthBytes);
    c.worker.pageCache.insert(pageKey, op.lengthBytes);
  }

  /** Fetches the missing blocks of [first, last], a few NFS reads in flight. */
  private *readBlocks(tb: Testbed, c: SlackerContainer, layer: number, file: number, first: number, last: number): ProcessBody<void> {
    const perRead = Math.max(1, Math.floor(this.config.nfsReadSizeBytes / this.config.blockSizeBytes));
    const digest = c.image.layers[layer]!.digest;
    const fileStart = c.layout.fileStart[layer]![file]!;
    const requests: [number, number][] = [];
    let b = first;
    while (b <= last) {
      if (isCached(c.blockCache, b)) {
        b++;
        continue;
      }
      let end = b;
      while (end < last && end - b + 1 < perRead && !isCached(c.blockCache, end + 1)) end++;
      requests.push([b, end]);
      b = end + 1;
    }
    if (requests.length === 0) return;
    if (requests.length === 1) {
      const [s, e] = requests[0]!;
      yield* this.fetch(tb, c, s, e, `${digest}#${file}@${s - fileStart}`);
      return;
    }
    const slots = new Semaphore(tb.sim, this.config.nfsInFlight, 'NFS reads in flight');
    const inFlight = requests.map(([s, e]) =>
      tb.sim.process(this.fetchWithSlot(tb, c, slots, s, e, `${digest}#${file}@${s - fileStart}`), 'NFS READ'),
    );
    yield tb.sim.allOf(inFlight);
  }

  private *fetchWithSlot(tb: Testbed, c: SlackerContainer, slots: Semaphore, first: number, last: number, key: string): ProcessBody<void> {
    yield slots.acquire();
    try {
      yield* this.fetch(tb, c, first, last, key);
    } finally {
      slots.release();
    }
  }

  /** One NFS READ of blocks [first, last] into the block cache. */
  private *fetch(tb: Testbed, c: SlackerContainer, first: number, last: number, key: string): ProcessBody<void> {
    const bytes = (last - first + 1) * this.config.blockSizeBytes;
    this.nfsReads++;
    this.blocksFetched += last - first + 1;
    yield* tb.storageServer.read(c.worker.host, key, bytes);
    for (let b = first; b <= last; b++) setCached(c.blockCache, b);
    c.report.addBytes('bytes_fetched', bytes);
  }

  protected *write(_tb: Testbed, c: SlackerContainer, op: Extract<StartupOp, { op: 'write' }>): ProcessBody<void> {
    // Block-level copy-on-write in the clone: the write lands in the page
    // cache and is written back later; nothing is copied up.
    yield c.worker.memoryCopySec(op.lengthBytes);
  }
}

function isCached(bitmap: Uint8Array, block: number): boolean {
  return (bitmap[block >> 3]! & (1 << (block & 7))) !== 0;
}

function setCached(bitmap: Uint8Array, block: number): void {
  bitmap[block >> 3]! |= 1 << (block & 7);
}
