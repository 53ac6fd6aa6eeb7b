/**
 * Docker with the AUFS storage driver.
 *
 * - push: each new layer is tarred and gzipped (one core per layer) while it
 *   uploads; the registry stores the compressed blob.
 * - pull: compressed layers download a few at a time; each is then gunzipped
 *   (one core) and extracted to its own directory on the local disk, strictly
 *   in layer order, paying a metadata cost per file. Extracted files stay in
 *   the page cache as long as memory allows.
 * - run: the union mount costs a little per layer; every lookup searches the
 *   branches from the top until it finds the file, so it costs more the
 *   deeper the file; reads come from the page cache or the local disk; the
 *   first write to a file of a lower layer copies the whole file up.
 */
import type { ProcessBody } from '../../sim/engine/process.ts';
import { layerDepth, type FileRef, type Image, type StartupOp } from '../image.ts';
import type { AufsConfig } from '../scenario/config.ts';
import type { Testbed } from '../testbed/testbed.ts';
import type { Worker } from '../testbed/worker.ts';
import { DockerDriver, type Container, type Cost } from './docker.ts';
import type { PhaseReport } from './driver.ts';

interface AufsContainer extends Container {
  /** Files of lower layers already copied up to the container's branch (`layer:file`). */
  copiedUp: Set<string>;
}

export class AufsDriver extends DockerDriver<AufsContainer> {
  readonly kind = 'aufs';

  constructor(readonly config: AufsConfig) {
    super(config.name, config);
  }

  protected blobBytes(image: Image, index: number): number {
    return image.layers[index]!.compressedBytes;
  }

  protected *uploadLayer(tb: Testbed, worker: Worker, image: Image, index: number, report: PhaseReport): ProcessBody<void> {
    const layer = image.layers[index]!;
    const start = tb.sim.now;
    const coreSec = layer.uncompressedBytes / worker.config.gzipBytesPerSec;
    if (coreSec > 0) yield worker.compute(coreSec, 'tar+gzip');
    report.addTime('compress', tb.sim.now - start);
  }

  protected *applyLayer(tb: Testbed, worker: Worker, image: Image, index: number, report: PhaseReport): ProcessBody<void> {
    const layer = image.layers[index]!;
    const bytes = layer.uncompressedBytes;
    const files = layer.files.length;
    const start = tb.sim.now;
    if (bytes > 0) {
      // gunzip streams into tar extraction: the slower of the two sets the pace.
      const gunzip = worker.compute(bytes / worker.config.gunzipBytesPerSec, 'gunzip');
      const write = worker.diskWrite(bytes, Math.ceil(bytes / (1 << 20)));
      yield tb.sim.allOf([gunzip, write]);
    }
    report.addTime('gunzip_extract', tb.sim.now - start);
    const metaStart = tb.sim.now;
    if (files > 0) yield worker.compute(files * worker.config.fileCreateSec, 'file metadata');
    report.addTime('file_metadata', tb.sim.now - metaStart);
    worker.pageCache.insertLayer(layer);
  }

  protected newContainer(_tb: Testbed, base: Container): AufsContainer {
    return { ...base, copiedUp: new Set() };
  }

  protected *mount(_tb: Testbed, c: AufsContainer): ProcessBody<void> {
    // The image's branches plus the init and container branches.
    yield (c.image.layers.length + 2) * this.config.mountCostPerLayerSec;
  }

  /** Branches probed to find a file: from the top down to its layer. */
  branchesProbed(c: AufsContainer, ref: FileRef): number {
    if (ref.layer < 0 || c.copiedUp.has(`${ref.layer}:${ref.file}`)) return 1;
    // The container's own branch and the init branch sit above the image.
    return layerDepth(c.image, ref.layer) + 3;
  }

  protected open(_tb: Testbed, c: AufsContainer, ref: FileRef): Cost {
    return this.branchesProbed(c, ref) * this.config.lookupCostPerLayerSec;
  }

  protected read(_tb: Testbed, c: AufsContainer, op: Extract<StartupOp, { op: 'read' }>): Cost {
    if (op.layer < 0 || c.copiedUp.has(`${op.layer}:${op.file}`)) {
      return c.worker.memoryCopySec(op.lengthBytes);
    }
    const layer = c.image.layers[op.layer]!;
    if (c.worker.pageCache.lookupFile(layer, op.file)) {
      return c.worker.memoryCopySec(op.lengthBytes);
    }
    return this.readFromDisk(c, op.layer, op.file, op.lengthBytes);
  }

  /** Reads bytes of a file of the image from the local disk into the page cache. */
  private *readFromDisk(c: AufsContainer, layer: number, file: number, bytes: number): ProcessBody<void> {
    yield c.worker.diskRead(bytes, Math.max(1, Math.ceil(bytes / (128 * 1024))));
    c.worker.pageCache.insertFile(c.image.layers[layer]!, file);
  }

  protected write(_tb: Testbed, c: AufsContainer, op: Extract<StartupOp, { op: 'write' }>): Cost {
    const buffered = c.worker.memoryCopySec(op.lengthBytes);
    if (op.layer < 0 || c.copiedUp.has(`${op.layer}:${op.file}`)) return buffered;
    return this.copyUpThenWrite(c, op.layer, op.file, buffered);
  }

  /** Copies a whole file of a lower layer into the container's branch, then writes. */
  private *copyUpThenWrite(c: AufsContainer, layer: number, file: number, writeSec: number): ProcessBody<void> {
    const size = c.image.layers[layer]!.files[file]!.sizeBytes;
    const start = c.worker.fluid.sim.now;
    const cached = c.worker.pageCache.lookupFile(c.image.layers[layer]!, file);
    if (cached) yield c.worker.memoryCopySec(size);
    else yield* this.readFromDisk(c, layer, file, size);
    yield size / this.config.copyupBytesPerSec;
    c.copiedUp.add(`${layer}:${file}`);
    c.report.addTime('copyup', c.worker.fluid.sim.now - start);
    c.report.addBytes('bytes_copied_up', size);
    if (writeSec > 0) yield writeSec;
  }
}
