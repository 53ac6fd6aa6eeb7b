/**
 * The figures the Slacker paper reports about HelloBench startups, for one
 * trace: how much of the image is read at startup, from which layer
 * depths, what is written and what a union file system would copy up; and,
 * for two runs of one image, how much of the second run's reads the first
 * run already read (what a cache shared between runs could serve).
 */
import { InputError } from '../../sim/errors.ts';
import type { Trace } from '../format.ts';
import { METADATA_FILE, traceToStartup } from '../to-startup.ts';
import { ByteRanges } from './byte-ranges.ts';

/** Layer depth from which the paper counts data as deep (half of it sits at 9 or deeper). */
export const DEEP_DEPTH = 9;

export interface DepthRow {
  /** 0 is the top layer. */
  depth: number;
  imageBytes: number;
  readBytes: number;
}

export interface TraceSummary {
  image: string;
  method: string;
  readySec: number;
  layers: number;
  /** Sum of the stored (compressed) layer blobs; null when unknown. */
  imageCompressedBytes: number | null;
  /** Sum of the layers' file bytes: what a pull extracts. */
  imageBytes: number;
  /** Distinct bytes of image files read (reads, mmaps, executed programs). */
  readBytes: number;
  readShare: number;
  /** Bytes of file-system metadata read (block traces), not in readBytes. */
  metadataReadBytes: number;
  filesTouched: number;
  filesRead: number;
  /** Share of the image's bytes at depth DEEP_DEPTH or deeper, and of the bytes read. */
  deepImageShare: number;
  deepReadShare: number;
  /** Deepest depth d such that at least half the image's bytes sit at depth >= d. */
  halfDataDepth: number;
  byDepth: DepthRow[];
  writtenBytes: number;
  /** Bytes a union file system copies up: whole image files written to. */
  copyUpBytes: number;
  filesCopiedUp: number;
  computeSec: number;
}

export interface TraceComparison {
  second: string;
  /** Distinct bytes the second run read, and how many of them the first also read. */
  secondReadBytes: number;
  sharedReadBytes: number;
  sharedShare: number;
}

interface ReadSets {
  /** Per image file (by path), the byte ranges read. */
  ranges: Map<string, ByteRanges>;
  depthOf: Map<string, number>;
}

/** Summarises one trace (see TraceSummary for the units). */
export function summariseTrace(trace: Trace): TraceSummary {
  const { layers, startup } = traceToStartup(trace);
  const depthCount = layers.length;
  const byDepth: DepthRow[] = layers
    .map((l, i) => ({
      depth: depthCount - 1 - i,
      imageBytes: l.uncompressedBytes,
      readBytes: 0,
    }))
    .reverse();
  const sets = readSets(trace);
  let readBytes = 0;
  let metadataReadBytes = 0;
  let filesRead = 0;
  for (const [path, ranges] of sets.ranges) {
    const bytes = ranges.totalBytes();
    if (path === METADATA_FILE) {
      metadataReadBytes += bytes;
      continue;
    }
    readBytes += bytes;
    if (bytes > 0) filesRead += 1;
    byDepth[sets.depthOf.get(path)!]!.readBytes += bytes;
  }

  const touched = new Set<string>();
  const copiedUp = new Set<string>();
  let writtenBytes = 0;
  let computeSec = 0;
  for (const op of startup) {
    if (op.op === 'compute') {
      computeSec += op.sec;
      continue;
    }
    const file = op.layer >= 0 ? layers[op.layer]!.files[op.file]! : undefined;
    if (file && file.path !== METADATA_FILE) touched.add(file.path);
    if (op.op === 'write') {
      writtenBytes += op.lengthBytes;
      if (file && file.path !== METADATA_FILE) copiedUp.add(`${op.layer}\0${op.file}`);
    }
  }
  let copyUpBytes = 0;
  for (const key of copiedUp) {
    const [layer, file] = key.split('\0').map(Number);
    copyUpBytes += layers[layer!]!.files[file!]!.sizeBytes;
  }

  const imageBytes = layers.reduce((sum, l) => sum + l.uncompressedBytes, 0);
  const compressed = trace.layers.some((l) => l.compressedBytes === null)
    ? null
    : trace.layers.reduce((sum, l) => sum + (l.compressedBytes ?? 0), 0);
  const deepImage = byDepth
    .filter((r) => r.depth >= DEEP_DEPTH)
    .reduce((s, r) => s + r.imageBytes, 0);
  const deepRead = byDepth
    .filter((r) => r.depth >= DEEP_DEPTH)
    .reduce((s, r) => s + r.readBytes, 0);
  return {
    image: trace.header.image,
    method: trace.header.method,
    readySec: trace.header.readySec,
    layers: layers.length,
    imageCompressedBytes: compressed,
    imageBytes,
    readBytes,
    readShare: ratio(readBytes, imageBytes),
    metadataReadBytes,
    filesTouched: touched.size,
    filesRead,
    deepImageShare: ratio(deepImage, imageBytes),
    deepReadShare: ratio(deepRead, readBytes),
    halfDataDepth: halfDepth(byDepth, imageBytes),
    byDepth,
    writtenBytes,
    copyUpBytes,
    filesCopiedUp: copiedUp.size,
    computeSec,
  };
}

/**
 * Compares two traces of the same image: which share of the second run's
 * distinct bytes read the first run had read too.
 */
export function compareTraces(
  first: Trace,
  second: Trace,
  secondName: string,
): TraceComparison {
  const a = first.layers.map((l) => l.digest).join();
  const b = second.layers.map((l) => l.digest).join();
  if (a !== b) {
    throw new InputError(
      'the two traces are of different images (layer digests differ)',
      { file: secondName },
    );
  }
  const firstSets = readSets(first);
  const secondSets = readSets(second);
  let secondReadBytes = 0;
  let sharedReadBytes = 0;
  for (const [path, ranges] of secondSets.ranges) {
    secondReadBytes += ranges.totalBytes();
    const earlier = firstSets.ranges.get(path);
    if (earlier) sharedReadBytes += ranges.overlapBytes(earlier);
  }
  return {
    second: secondName,
    secondReadBytes,
    sharedReadBytes,
    sharedShare: ratio(sharedReadBytes, secondReadBytes),
  };
}

function readSets(trace: Trace): ReadSets {
  const { layers, startup } = traceToStartup(trace);
  const ranges = new Map<string, ByteRanges>();
  const depthOf = new Map<string, number>();
  for (const op of startup) {
    if (op.op !== 'read' || op.layer < 0) continue;
    const file = layers[op.layer]!.files[op.file]!;
    let set = ranges.get(file.path);
    if (set === undefined) {
      set = new ByteRanges();
      ranges.set(file.path, set);
      depthOf.set(file.path, layers.length - 1 - op.layer);
    }
    set.add(op.offsetBytes, op.offsetBytes + op.lengthBytes);
  }
  return { ranges, depthOf };
}

function halfDepth(byDepth: DepthRow[], total: number): number {
  let atOrDeeper = 0;
  for (let d = byDepth.length - 1; d >= 0; d--) {
    atOrDeeper += byDepth[d]!.imageBytes;
    if (atOrDeeper >= total / 2) return d;
  }
  return 0;
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
