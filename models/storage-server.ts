/**
 * A shared NFS storage server in the manner of Tintri's VMstore: files are
 * block maps; `snapshot` and `clone` copy block maps, never data, so they
 * cost a metadata latency whatever the file's size; blocks are shared
 * (deduplicated) between a file, its snapshots and their clones.
 *
 * Reads are served by a bounded number of request slots, each paying the
 * media's service time, then streaming from flash or disk through the
 * server's network interface. Which tier a cold block comes from is drawn
 * with the configured flash hit ratio; a block read before is in the
 * server's cache (flash) from then on.
 */
import type { FluidResource } from '../sim/engine/fluid.ts';
import type { ProcessBody } from '../sim/engine/process.ts';
import type { RandomStream } from '../sim/engine/random.ts';
import { Semaphore } from '../sim/engine/semaphore.ts';
import type { Simulation } from '../sim/engine/simulation.ts';
import type { CachePolicy } from './cache/policy.ts';
import type { StorageServerConfig } from './scenario/config.ts';
import type { Host, Network } from './testbed/network.ts';

/** An NFS file: the block store it reads from (shared by clones) and its own writes. */
export interface NfsFile {
  id: string;
  /** Identity of the shared block map the file was cloned from. */
  blockStore: string;
  readOnly: boolean;
  sizeBytes: number;
}

export class StorageServer {
  readonly flash: FluidResource;
  readonly disk: FluidResource;
  readonly slots: Semaphore;
  private readonly files = new Map<string, NfsFile>();
  private readonly warm = new Set<number>();
  /** A bounded flash cache in front of the disk tier, replacing the hit-ratio draw. */
  cache: CachePolicy<string> | null = null;
  private nextId = 0;
  requests = 0;
  bytesServed = 0;
  snapshots = 0;
  clones = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    readonly host: Host,
    readonly config: StorageServerConfig,
    private readonly rng: RandomStream,
  ) {
    this.flash = network.fluid.resource('storage.flash', config.flashBytesPerSec);
    this.disk = network.fluid.resource('storage.disk', config.diskBytesPerSec);
    this.slots = new Semaphore(sim, config.maxConcurrentRequests, 'storage server requests');
  }

  /** Creates a file holding `sizeBytes` of data in the block store `blockStore`. */
  createFile(blockStore: string, sizeBytes: number): NfsFile {
    const file = { id: `file${this.nextId++}`, blockStore, readOnly: false, sizeBytes };
    this.files.set(file.id, file);
    return file;
  }

  /** A snapshot that exists before the run starts (an image imported earlier). */
  importSnapshot(blockStore: string, sizeBytes: number): NfsFile {
    const snap = { id: `snap${this.nextId++}`, blockStore, readOnly: true, sizeBytes };
    this.files.set(snap.id, snap);
    return snap;
  }

  /** snapshot(): a read-only copy of the file's block map. Returns the snapshot. */
  *snapshot(file: NfsFile): ProcessBody<NfsFile> {
    yield this.config.snapshotLatencySec;
    this.snapshots++;
    const snap = { ...file, id: `snap${this.nextId++}`, readOnly: true };
    this.files.set(snap.id, snap);
    return snap;
  }

  /** clone(): a new writable file sharing the snapshot's blocks. */
  *clone(snapshotId: string): ProcessBody<NfsFile> {
    const snap = this.files.get(snapshotId);
    if (!snap) throw new Error(`clone of unknown snapshot ${snapshotId}`);
    yield this.config.cloneLatencySec;
    this.clones++;
    const copy = { ...snap, id: `clone${this.nextId++}`, readOnly: false };
    this.files.set(copy.id, copy);
    return copy;
  }

  /**
   * NFS READs sent together by `client` (a wave of reads in flight), each
   * `(blockKey, bytes)`. `blockKey` names a read's first block by its
   * content's origin (a layer and a block in it), so every clone and every image
   * sharing that layer shares its warm blocks (deduplication). The wave takes
   * a request slot, pays one service time (the slowest tier it touches) and
   * streams from each tier as one transfer.
   */
  *readWave(client: Host, reads: readonly (readonly [number, number])[]): ProcessBody<void> {
    yield this.network.config.latencySec;
    // A wave is served by one slot: taking one slot per read, one at a time,
    // could deadlock waves that each hold part of what they need.
    yield this.slots.acquire();
    try {
      let flashBytes = 0;
      let diskBytes = 0;
      for (const [key, bytes] of reads) {
        this.requests++;
        if (this.hitsFlash(key, bytes)) flashBytes += bytes;
        else diskBytes += bytes;
      }
      yield diskBytes > 0 ? this.config.diskLatencySec : this.config.flashLatencySec;
      const transfers = [];
      if (flashBytes > 0) transfers.push(this.network.transfer(this.host, client, flashBytes, [this.flash], 'NFS READ'));
      if (diskBytes > 0) transfers.push(this.network.transfer(this.host, client, diskBytes, [this.disk], 'NFS READ'));
      yield transfers.length === 1 ? transfers[0]! : this.sim.allOf(transfers);
      this.bytesServed += flashBytes + diskBytes;
    } finally {
      this.slots.release();
    }
  }

  /** Whether a read is served by the flash tier (and warms it). */
  private hitsFlash(key: number, bytes: number): boolean {
    // A read's length depends on what the client already caches, so the
    // cached unit is (first block, length).
    if (this.cache) return this.cache.access(`${key}+${bytes}`, bytes);
    const hit = this.warm.has(key) || this.rng.next() < this.config.flashHitRatio;
    this.warm.add(key);
    return hit;
  }

}
