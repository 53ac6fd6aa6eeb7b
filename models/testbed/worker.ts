/**
 * A worker machine: CPU cores, a local disk, a page cache, a network
 * interface, and the layers its Docker daemon holds.
 */
import type { Activity, FluidModel, FluidResource } from '../../sim/engine/fluid.ts';
import { ImageStore } from '../cache/image-store.ts';
import { createCache } from '../cache/create-cache.ts';
import type { CachePolicy } from '../cache/policy.ts';
import type { CachesConfig, WorkersConfig } from '../scenario/config.ts';
import type { Host } from './network.ts';
import { PageCache } from './page-cache.ts';

export class Worker {
  /** Core-seconds per second; a single-threaded activity is capped at one core. */
  readonly cpu: FluidResource;
  /** Disk work in read-equivalent bytes; writes and small operations are converted. */
  readonly disk: FluidResource;
  readonly pageCache: PageCache;
  /** Layers present locally (pulled or built), bounded when a layer store is set. */
  private readonly layerSet = new Set<string>();
  readonly layerStore: ImageStore<string> | null = null;
  /** Bounded block cache under the loop device (lazy drivers), or null if unbounded. */
  readonly blockCache: CachePolicy<number> | null = null;

  constructor(
    readonly name: string,
    readonly host: Host,
    readonly config: WorkersConfig,
    readonly fluid: FluidModel,
    caches: CachesConfig = {},
  ) {
    if (caches.layerStore) {
      const s = caches.layerStore;
      this.layerStore = new ImageStore<string>(s.capacityBytes, {
        highThresholdPercent: s.highPercent,
        lowThresholdPercent: s.lowPercent,
      });
    }
    if (caches.blockCache) {
      this.blockCache = createCache<number>(caches.blockCache.policy, caches.blockCache.capacityBytes);
    }
    this.cpu = fluid.resource(`${name}.cpu`, config.cores);
    const falloff = config.disk.concurrencyFalloff;
    const read = config.disk.readBytesPerSec;
    this.disk = fluid.resource(`${name}.disk`, read, (n) => read / (1 + falloff * (n - 1)));
    this.pageCache = new PageCache(config.memoryBytes);
  }

  /** Whether the layer with `digest` is present (a hit refreshes its recency). */
  hasLayer(digest: string): boolean {
    return this.layerStore ? this.layerStore.touch(digest) : this.layerSet.has(digest);
  }

  /** Records a layer as present; false when pinned layers leave no room for it. */
  addLayer(digest: string, sizeBytes: number): boolean {
    if (this.layerStore) return this.layerStore.add(digest, sizeBytes);
    this.layerSet.add(digest);
    return true;
  }

  /** Keeps layers from image garbage collection while a container uses them. */
  pinLayers(digests: readonly string[]): void {
    if (!this.layerStore) return;
    for (const d of digests) if (this.layerStore.has(d)) this.layerStore.pin(d);
  }

  unpinLayers(digests: readonly string[]): void {
    if (!this.layerStore) return;
    for (const d of digests) if (this.layerStore.has(d) && this.layerStore.pinsOf(d) > 0) this.layerStore.unpin(d);
  }

  /** Runs `coreSec` of single-threaded CPU work. */
  compute(coreSec: number, label = 'compute'): Activity {
    return this.fluid.start(coreSec, [this.cpu], { rateCap: 1, label: `${label} on ${this.name}` });
  }

  /** Reads `bytes` from the local disk in `ops` requests. */
  diskRead(bytes: number, ops = 1): Activity {
    const perOp = this.config.disk.readBytesPerSec / this.config.disk.iops;
    return this.fluid.start(bytes + ops * perOp, [this.disk], { label: `disk read on ${this.name}` });
  }

  /** Writes `bytes` to the local disk in `ops` requests. */
  diskWrite(bytes: number, ops = 1): Activity {
    const d = this.config.disk;
    const work = (bytes * d.readBytesPerSec) / d.writeBytesPerSec + (ops * d.readBytesPerSec) / d.iops;
    return this.fluid.start(work, [this.disk], { label: `disk write on ${this.name}` });
  }

  /** Time to copy `bytes` through memory (page-cache hits, buffered writes), seconds. */
  memoryCopySec(bytes: number): number {
    return bytes / this.config.memoryBytesPerSec;
  }
}
