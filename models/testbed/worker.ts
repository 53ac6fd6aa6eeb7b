/**
 * A worker machine: CPU cores, a local disk, a page cache, a network
 * interface, and the layers its Docker daemon holds.
 */
import type { Activity, FluidModel, FluidResource } from '../../sim/engine/fluid.ts';
import type { WorkersConfig } from '../scenario/config.ts';
import type { Host } from './network.ts';
import { PageCache } from './page-cache.ts';

export class Worker {
  /** Core-seconds per second; a single-threaded activity is capped at one core. */
  readonly cpu: FluidResource;
  /** Disk work in read-equivalent bytes; writes and small operations are converted. */
  readonly disk: FluidResource;
  readonly pageCache: PageCache;
  /** Digests of the layers present locally (pulled or built). */
  readonly layers = new Set<string>();

  constructor(
    readonly name: string,
    readonly host: Host,
    readonly config: WorkersConfig,
    readonly fluid: FluidModel,
  ) {
    this.cpu = fluid.resource(`${name}.cpu`, config.cores);
    const falloff = config.disk.concurrencyFalloff;
    const read = config.disk.readBytesPerSec;
    this.disk = fluid.resource(`${name}.disk`, read, (n) => read / (1 + falloff * (n - 1)));
    this.pageCache = new PageCache(config.memoryBytes);
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
