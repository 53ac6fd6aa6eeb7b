/**
 * The Docker daemon's side of push, pull and run, shared by every storage
 * driver: registry requests, the download and upload concurrency limits,
 * applying layers strictly in order, container create/start/stop. Drivers
 * fill in what a layer is on the wire and what mounting, looking up, reading
 * and writing cost.
 */
import type { ProcessBody } from '../../sim/engine/process.ts';
import { Semaphore } from '../../sim/engine/semaphore.ts';
import type { SimEvent } from '../../sim/engine/event.ts';
import type { FileRef, Image, StartupOp } from '../image.ts';
import type { DockerConfig } from '../scenario/config.ts';
import type { Testbed } from '../testbed/testbed.ts';
import type { Worker } from '../testbed/worker.ts';
import { PhaseReport, timed, type StorageDriver } from './driver.ts';

/** Size of an image manifest on the wire. */
const MANIFEST_BYTES = 4096;

/**
 * What a step of a container costs: seconds of work on the worker's CPU and
 * memory, or a process body for a step that waits on a disk or the network.
 */
export type Cost = number | ProcessBody<void>;

/** Local work accumulated between two device or network waits. */
class Burst {
  private readonly parts = new Map<string, number>();
  private total = 0;

  add(part: string, sec: number): void {
    if (!(sec > 0)) return;
    this.parts.set(part, (this.parts.get(part) ?? 0) + sec);
    this.total += sec;
  }

  /** Runs the accumulated work as one single-threaded CPU activity. */
  *flush(tb: Testbed, worker: Worker, report: PhaseReport): ProcessBody<void> {
    if (this.total === 0) return;
    const start = tb.sim.now;
    yield worker.compute(this.total, 'container');
    const elapsed = tb.sim.now - start;
    for (const [part, sec] of this.parts) report.addTime(part, (elapsed * sec) / this.total);
    this.parts.clear();
    this.total = 0;
  }
}

/** A running (or starting) container: what the driver keeps per container. */
export interface Container {
  id: number;
  image: Image;
  worker: Worker;
  report: PhaseReport;
}

/** What one worker's Docker daemon shares between the pulls it runs at once. */
interface DaemonState {
  /** The daemon's download and upload limits, over all its pulls and pushes. */
  downloads: Semaphore;
  uploads: Semaphore;
  /** Layers some pull is fetching and applying now: done when registered. */
  layersInProgress: Map<string, SimEvent<void>>;
}

export abstract class DockerDriver<C extends Container = Container> implements StorageDriver {
  abstract readonly kind: string;
  private containers = 0;
  private readonly daemons = new WeakMap<Worker, DaemonState>();

  constructor(
    readonly name: string,
    readonly docker: DockerConfig,
  ) {}

  /** Bytes of layer `index` on the wire (pushed to and pulled from the registry). */
  protected abstract blobBytes(image: Image, index: number): number;
  /** Work before the upload of a layer can finish (e.g. tar + gzip). */
  protected abstract uploadLayer(tb: Testbed, worker: Worker, image: Image, index: number, report: PhaseReport): ProcessBody<void>;
  /** Work once a layer is downloaded (e.g. gunzip + extract), in layer order. */
  protected abstract applyLayer(tb: Testbed, worker: Worker, image: Image, index: number, report: PhaseReport): ProcessBody<void>;
  /** Prepares the container's root file system. */
  protected abstract mount(tb: Testbed, container: C): ProcessBody<void>;
  protected abstract newContainer(tb: Testbed, base: Container): C;
  /** A lookup: seconds of local work, or a process body that waits on devices. */
  protected abstract open(tb: Testbed, container: C, ref: FileRef): Cost;
  protected abstract read(tb: Testbed, container: C, op: Extract<StartupOp, { op: 'read' }>): Cost;
  protected abstract write(tb: Testbed, container: C, op: Extract<StartupOp, { op: 'write' }>): Cost;

  seed(_tb: Testbed, worker: Worker, image: Image): void {
    for (const layer of image.layers) worker.addLayer(layer.digest, layer.uncompressedBytes);
  }

  publish(tb: Testbed, image: Image): void {
    image.layers.forEach((_, i) => tb.registry.blobs.add(this.blobDigest(image, i)));
  }

  *push(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const slots = this.daemon(tb, worker).uploads;
    const uploads = image.layers.map((_, i) =>
      tb.sim.process(this.pushLayer(tb, worker, image, i, slots, report), `push layer ${i} of ${image.name}`),
    );
    yield tb.sim.allOf(uploads);
    yield tb.registryFor(worker).put(worker.host, MANIFEST_BYTES, `${image.name}:manifest`);
  }

  private *pushLayer(tb: Testbed, worker: Worker, image: Image, index: number, slots: Semaphore, report: PhaseReport): ProcessBody<void> {
    yield slots.acquire();
    try {
      const digest = this.blobDigest(image, index);
      yield tb.registryFor(worker).get(worker.host, 0, `HEAD ${digest}`);
      if (tb.registry.blobs.has(digest)) return;
      const bytes = this.blobBytes(image, index);
      const upload = tb.registryFor(worker).put(worker.host, bytes, digest);
      yield* this.uploadLayer(tb, worker, image, index, report);
      yield upload;
      report.addBytes('bytes_pushed', bytes);
      yield* timed(tb, report, 'register', this.register());
    } finally {
      slots.release();
    }
  }

  /**
   * Pulls the image's missing layers: up to the daemon's download limit at
   * once (over all its pulls), each applied in order once downloaded. A
   * layer that another pull on the same worker is already fetching is not
   * downloaded again: this pull waits until the other has registered it, as
   * Docker's daemon shares a download in progress.
   */
  *pull(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const start = tb.sim.now;
    yield tb.registryFor(worker).get(worker.host, MANIFEST_BYTES, `${image.name}:manifest`);
    const daemon = this.daemon(tb, worker);
    // Per layer: our own download, another pull's registration, or nothing.
    const mine = new Map<number, SimEvent<void>>();
    const theirs = new Map<number, SimEvent<void>>();
    image.layers.forEach((layer, i) => {
      if (worker.hasLayer(layer.digest)) return;
      const shared = daemon.layersInProgress.get(layer.digest);
      if (shared) {
        theirs.set(i, shared);
        return;
      }
      daemon.layersInProgress.set(layer.digest, tb.sim.event(`layer ${layer.digest} on ${worker.name}`));
      mine.set(i, tb.sim.process(this.download(tb, worker, image, i, daemon.downloads, report), `download layer ${i} of ${image.name}`));
    });
    const allDownloaded = tb.sim.allOf([...mine.values()]);
    allDownloaded.subscribe(() => report.addTime('download', tb.sim.now - start));
    for (let i = 0; i < image.layers.length; i++) {
      const shared = theirs.get(i);
      if (shared) {
        const waitStart = tb.sim.now;
        yield shared;
        report.addTime('shared_pull_wait', tb.sim.now - waitStart);
        continue;
      }
      const download = mine.get(i);
      if (!download) continue;
      const layer = image.layers[i]!;
      const registered = daemon.layersInProgress.get(layer.digest)!;
      try {
        yield download;
        yield* this.applyLayer(tb, worker, image, i, report);
        yield* timed(tb, report, 'register', this.register());
        if (!worker.addLayer(layer.digest, this.storedBytes(image, i))) {
          throw new Error(`${worker.name}: no room in the layer store for ${layer.digest} (layers in use fill it)`);
        }
      } catch (error) {
        daemon.layersInProgress.delete(layer.digest);
        if (registered.hasWaiters) registered.fail(error);
        throw error;
      }
      daemon.layersInProgress.delete(layer.digest);
      registered.succeed();
    }
    yield allDownloaded;
  }

  /** The daemon state of `worker` for this driver, made on first use. */
  private daemon(tb: Testbed, worker: Worker): DaemonState {
    let daemon = this.daemons.get(worker);
    if (!daemon) {
      daemon = {
        downloads: new Semaphore(tb.sim, this.docker.maxConcurrentDownloads, `downloads on ${worker.name}`),
        uploads: new Semaphore(tb.sim, this.docker.maxConcurrentUploads, `uploads on ${worker.name}`),
        layersInProgress: new Map(),
      };
      this.daemons.set(worker, daemon);
    }
    return daemon;
  }

  private *download(tb: Testbed, worker: Worker, image: Image, index: number, slots: Semaphore, report: PhaseReport): ProcessBody<void> {
    yield slots.acquire();
    try {
      const bytes = this.blobBytes(image, index);
      yield tb.registryFor(worker).get(worker.host, bytes, this.blobDigest(image, index));
      report.addBytes('bytes_pulled', bytes);
    } finally {
      slots.release();
    }
  }

  private *register(): ProcessBody<void> {
    yield this.docker.layerRegisterSec;
  }

  /** Bytes a pulled layer takes on the worker's disk. */
  protected storedBytes(image: Image, index: number): number {
    return image.layers[index]!.uncompressedBytes;
  }

  protected blobDigest(image: Image, index: number): string {
    return `${this.kind}:${image.layers[index]!.digest}`;
  }

  /**
   * Creates, mounts and starts a container, then replays its startup, with
   * the image's layers pinned in the worker's store meanwhile. Steps that
   * stay on the worker's CPU and memory (compute, cached lookups, page-cache
   * hits, buffered writes) cost a number of seconds; runs of them between
   * two steps that wait on a device or the network are charged as one CPU
   * burst, which keeps CPU contention and costs one activity instead of one
   * per step. Each part's share of a burst is its share of the burst's
   * nominal time. (One generator for all of it: each level of `yield*` is
   * passed through again at every wake-up of a container.)
   */
  *run(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const container = this.newContainer(tb, { id: this.containers++, image, worker, report });
    const digests = image.layers.map((l) => l.digest);
    worker.pinLayers(digests);
    try {
      yield* timed(tb, report, 'create', this.sleep(this.docker.createOverheadSec));
      yield* timed(tb, report, 'mount', this.mount(tb, container));
      yield* timed(tb, report, 'container_start', this.sleep(this.docker.startOverheadSec));
      const burst = new Burst();
      for (const op of image.startup) {
        let part: string;
        let cost: Cost;
        switch (op.op) {
          case 'compute':
            part = 'compute';
            cost = op.sec;
            break;
          case 'open':
            part = 'lookup';
            cost = this.open(tb, container, op);
            break;
          case 'read':
            part = 'read';
            cost = this.read(tb, container, op);
            report.addBytes('bytes_read', op.lengthBytes);
            break;
          case 'write':
            part = 'write';
            cost = this.write(tb, container, op);
            report.addBytes('bytes_written', op.lengthBytes);
            break;
        }
        if (typeof cost === 'number') {
          burst.add(part, cost);
          continue;
        }
        yield* burst.flush(tb, worker, report);
        // Timed here rather than through timed(): one generator less to pass
        // through on every wake-up of the hottest path of a run.
        const start = tb.sim.now;
        yield* cost;
        report.addTime(part, tb.sim.now - start);
      }
      yield* burst.flush(tb, worker, report);
      if (image.runClass === 'log' || image.runClass === 'http') {
        yield* timed(tb, report, 'stop', this.sleep(this.docker.stopOverheadSec));
      }
    } finally {
      worker.unpinLayers(digests);
    }
  }

  protected *sleep(sec: number): ProcessBody<void> {
    if (sec > 0) yield sec;
  }
}
