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

/** A running (or starting) container: what the driver keeps per container. */
export interface Container {
  id: number;
  image: Image;
  worker: Worker;
  report: PhaseReport;
}

export abstract class DockerDriver<C extends Container = Container> implements StorageDriver {
  abstract readonly kind: string;
  private containers = 0;

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
  protected abstract open(tb: Testbed, container: C, ref: FileRef): ProcessBody<void>;
  protected abstract read(tb: Testbed, container: C, op: Extract<StartupOp, { op: 'read' }>): ProcessBody<void>;
  protected abstract write(tb: Testbed, container: C, op: Extract<StartupOp, { op: 'write' }>): ProcessBody<void>;

  seed(_tb: Testbed, worker: Worker, image: Image): void {
    for (const layer of image.layers) worker.layers.add(layer.digest);
  }

  publish(tb: Testbed, image: Image): void {
    image.layers.forEach((_, i) => tb.registry.blobs.add(this.blobDigest(image, i)));
  }

  *push(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const slots = new Semaphore(tb.sim, this.docker.maxConcurrentUploads, `uploads on ${worker.name}`);
    const uploads = image.layers.map((_, i) =>
      tb.sim.process(this.pushLayer(tb, worker, image, i, slots, report), `push layer ${i} of ${image.name}`),
    );
    yield tb.sim.allOf(uploads);
    yield tb.registry.put(worker.host, MANIFEST_BYTES, `${image.name}:manifest`);
  }

  private *pushLayer(tb: Testbed, worker: Worker, image: Image, index: number, slots: Semaphore, report: PhaseReport): ProcessBody<void> {
    yield slots.acquire();
    try {
      const digest = this.blobDigest(image, index);
      yield tb.registry.get(worker.host, 0, `HEAD ${digest}`);
      if (tb.registry.blobs.has(digest)) return;
      const bytes = this.blobBytes(image, index);
      const upload = tb.registry.put(worker.host, bytes, digest);
      yield* this.uploadLayer(tb, worker, image, index, report);
      yield upload;
      report.addBytes('bytes_pushed', bytes);
      yield* timed(tb, report, 'register', this.register());
    } finally {
      slots.release();
    }
  }

  *pull(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const start = tb.sim.now;
    yield tb.registry.get(worker.host, MANIFEST_BYTES, `${image.name}:manifest`);
    const slots = new Semaphore(tb.sim, this.docker.maxConcurrentDownloads, `downloads on ${worker.name}`);
    const downloads: (SimEvent<void> | null)[] = image.layers.map((layer, i) => {
      if (worker.layers.has(layer.digest)) return null;
      return tb.sim.process(this.download(tb, worker, image, i, slots, report), `download layer ${i} of ${image.name}`);
    });
    const remaining = downloads.filter((d): d is SimEvent<void> => d !== null);
    const allDownloaded = tb.sim.allOf(remaining);
    allDownloaded.subscribe(() => report.addTime('download', tb.sim.now - start));
    for (let i = 0; i < image.layers.length; i++) {
      const download = downloads[i];
      if (!download) continue;
      yield download;
      yield* this.applyLayer(tb, worker, image, i, report);
      yield* timed(tb, report, 'register', this.register());
      worker.layers.add(image.layers[i]!.digest);
    }
    yield allDownloaded;
  }

  private *download(tb: Testbed, worker: Worker, image: Image, index: number, slots: Semaphore, report: PhaseReport): ProcessBody<void> {
    yield slots.acquire();
    try {
      const bytes = this.blobBytes(image, index);
      yield tb.registry.get(worker.host, bytes, this.blobDigest(image, index));
      report.addBytes('bytes_pulled', bytes);
    } finally {
      slots.release();
    }
  }

  private *register(): ProcessBody<void> {
    yield this.docker.layerRegisterSec;
  }

  protected blobDigest(image: Image, index: number): string {
    return `${this.kind}:${image.layers[index]!.digest}`;
  }

  *run(tb: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void> {
    const container = this.newContainer(tb, { id: this.containers++, image, worker, report });
    yield* timed(tb, report, 'create', this.sleep(this.docker.createOverheadSec));
    yield* timed(tb, report, 'mount', this.mount(tb, container));
    yield* timed(tb, report, 'container_start', this.sleep(this.docker.startOverheadSec));
    for (const op of image.startup) {
      switch (op.op) {
        case 'compute':
          yield* timed(tb, report, 'compute', this.compute(worker, op.sec));
          break;
        case 'open':
          yield* timed(tb, report, 'lookup', this.open(tb, container, op));
          break;
        case 'read':
          yield* timed(tb, report, 'read', this.read(tb, container, op));
          report.addBytes('bytes_read', op.lengthBytes);
          break;
        case 'write':
          yield* timed(tb, report, 'write', this.write(tb, container, op));
          report.addBytes('bytes_written', op.lengthBytes);
          break;
      }
    }
    if (image.runClass === 'log' || image.runClass === 'http') {
      yield* timed(tb, report, 'stop', this.sleep(this.docker.stopOverheadSec));
    }
  }

  private *compute(worker: Worker, sec: number): ProcessBody<void> {
    if (sec > 0) yield worker.compute(sec);
  }

  protected *sleep(sec: number): ProcessBody<void> {
    if (sec > 0) yield sec;
  }
}
