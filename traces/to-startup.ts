/**
 * Turning a trace into the model's view of an image startup
 * (models/image.ts): the layers with their files, and a sequence of
 * operations with the compute time between them kept as `compute` steps.
 *
 * Block events are mapped back to files through the extents recorded at
 * capture; bytes in no file (inodes, directories, journal) become reads of
 * a pseudo-file `<fs-metadata>` added to the base layer.
 */
import type { FileRef, Layer, StartupOp } from '../models/image.ts';
import { isBlockOp, type BlockExtent, type Trace, type TraceEvent } from './format.ts';

export const METADATA_FILE = '<fs-metadata>';

/** Gaps shorter than this are measurement noise, not compute (seconds). */
const MIN_COMPUTE_SEC = 1e-6;

export interface TraceStartup {
  layers: Layer[];
  startup: StartupOp[];
}

/**
 * Converts `trace` to layers and startup operations. Compute steps are the
 * time between one operation's end and the next one's start (the whole gap
 * when the method does not measure durations), plus the time from the last
 * operation to readiness.
 */
export function traceToStartup(trace: Trace): TraceStartup {
  const { layers, refs } = buildLayers(trace);
  // Only block events need the mapper (and its `<fs-metadata>` file); a file trace
  // that merely carries the block map does not.
  const hasBlockEvents = trace.events.some((e) => isBlockOp(e.op));
  const blocks = hasBlockEvents ? new BlockMapper(trace, layers, refs) : undefined;
  const startup: StartupOp[] = [];
  let clockSec = 0;
  const computeUntil = (timeSec: number) => {
    const gap = timeSec - clockSec;
    if (gap > MIN_COMPUTE_SEC) startup.push({ op: 'compute', sec: gap });
    clockSec = Math.max(clockSec, timeSec);
  };

  for (const event of trace.events) {
    const ops = isBlockOp(event.op) ? blocks!.ops(event) : fileOps(event, trace, refs);
    if (ops.length === 0) continue;
    computeUntil(event.timeSec);
    startup.push(...ops);
    clockSec = Math.max(clockSec, event.timeSec + (event.durationSec ?? 0));
  }
  computeUntil(trace.header.readySec);
  return { layers, startup };
}

function buildLayers(trace: Trace): {
  layers: Layer[];
  refs: Array<FileRef | undefined>;
} {
  const layers: Layer[] = trace.layers.map((l) => ({
    digest: l.digest,
    compressedBytes: l.compressedBytes ?? l.uncompressedBytes,
    uncompressedBytes: l.uncompressedBytes,
    files: [],
  }));
  let created = 0;
  const refs = trace.files.map((f): FileRef | undefined => {
    if (f.layer < 0) return { layer: -1, file: created++ };
    const files = layers[f.layer]?.files;
    if (files === undefined) return undefined;
    files.push({ path: f.path, sizeBytes: f.sizeBytes, kind: f.kind });
    return { layer: f.layer, file: files.length - 1 };
  });
  return { layers, refs };
}

function fileOps(
  event: TraceEvent,
  trace: Trace,
  refs: Array<FileRef | undefined>,
): StartupOp[] {
  const ref = refs[event.target];
  if (ref === undefined) return [];
  const inImage = ref.layer >= 0;
  switch (event.op) {
    case 'open':
    case 'stat':
    case 'readdir':
    case 'exec':
      return inImage ? [{ op: 'open', ...ref }] : [];
    case 'read':
    case 'mmap': {
      if (!inImage || event.lengthBytes === 0) return [];
      // An mmap maps a range; what the program touches of it is unknown, so the range counts.
      const sizeBytes = trace.files[event.target]!.sizeBytes;
      const lengthBytes = Math.min(
        event.lengthBytes,
        Math.max(0, sizeBytes - event.offsetBytes),
      );
      if (lengthBytes === 0) return [];
      return [{ op: 'read', ...ref, offsetBytes: event.offsetBytes, lengthBytes }];
    }
    case 'write':
      return event.lengthBytes === 0
        ? []
        : [
            {
              op: 'write',
              ...ref,
              offsetBytes: event.offsetBytes,
              lengthBytes: event.lengthBytes,
            },
          ];
    default:
      return [];
  }
}

/** Maps byte ranges of the block device to files through the recorded extents. */
class BlockMapper {
  private readonly sorted: BlockExtent[];
  private readonly blockBytes: number;
  private readonly metadata: FileRef;

  constructor(
    private readonly trace: Trace,
    layers: Layer[],
    private readonly refs: Array<FileRef | undefined>,
  ) {
    this.blockBytes = trace.header.blockBytes!;
    this.sorted = [...trace.extents].sort((a, b) => a.firstBlock - b.firstBlock);
    if (layers.length === 0) {
      layers.push({
        digest: `sha256:${'0'.repeat(64)}`,
        compressedBytes: 0,
        uncompressedBytes: 0,
        files: [],
      });
    }
    // Metadata reads keep their device offsets, so the pseudo-file spans the device.
    const base = layers[0]!;
    let deviceBytes = trace.header.deviceBytes ?? 0;
    for (const e of trace.events) {
      if (isBlockOp(e.op))
        deviceBytes = Math.max(
          deviceBytes,
          e.target * this.blockBytes + e.offsetBytes + e.lengthBytes,
        );
    }
    base.files.push({ path: METADATA_FILE, sizeBytes: deviceBytes, kind: 'other' });
    this.metadata = { layer: 0, file: base.files.length - 1 };
  }

  /** The reads or writes of files that the block request `event` stands for. */
  ops(event: TraceEvent): StartupOp[] {
    const op = event.op === 'block-write' ? 'write' : 'read';
    const startByte = event.target * this.blockBytes + event.offsetBytes;
    const endByte = startByte + event.lengthBytes;
    const out: StartupOp[] = [];
    let cursor = startByte;
    let i = this.firstExtentEndingAfter(cursor);
    while (cursor < endByte) {
      const x = this.sorted[i];
      const xStart = x === undefined ? Infinity : x.firstBlock * this.blockBytes;
      if (cursor < xStart) {
        const until = Math.min(endByte, xStart);
        // Writes outside any file (journal, inodes, directories) are the
        // container's own changes: no file of a lower layer is copied up.
        const where = op === 'write' ? { layer: -1, file: 0 } : this.metadata;
        out.push({
          op,
          ...where,
          offsetBytes: cursor,
          lengthBytes: until - cursor,
        });
        cursor = until;
        continue;
      }
      const xEnd = xStart + x!.blockCount * this.blockBytes;
      const until = Math.min(endByte, xEnd);
      const ref = this.refs[x!.file];
      const file = this.trace.files[x!.file]!;
      const offsetBytes = x!.fileOffsetBytes + (cursor - xStart);
      // The last block of a file is only partly the file's; the rest is slack.
      const lengthBytes = Math.min(
        until - cursor,
        Math.max(0, file.sizeBytes - offsetBytes),
      );
      if (lengthBytes > 0 && ref !== undefined && ref.layer >= 0)
        out.push({ op, ...ref, offsetBytes, lengthBytes });
      cursor = until;
      i += 1;
    }
    return out;
  }

  private firstExtentEndingAfter(byte: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = this.sorted[mid]!;
      if ((x.firstBlock + x.blockCount) * this.blockBytes <= byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
