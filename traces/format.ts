/**
 * The trace format, version 1 (documented in FORMAT.md): gzip-compressed
 * JSON lines. A header object, then the image's layers, its files, the
 * optional file-to-block map, the events, and an end line with the event
 * count so a cut-off trace cannot pass for a short one.
 *
 * This module holds the types and the writer; `format-read.ts` the reader.
 */
import { gzipSync } from 'node:zlib';
import type { FileKind } from '../models/image.ts';
import { writeFileAtomic } from '../sim/output/atomic.ts';

export const TRACE_FORMAT = 'slacker-trace';
export const TRACE_VERSION = 1;

export type CaptureMethod = 'strace' | 'block' | 'pagecache' | 'synthetic';

/** File-level operations (target: a file index) and block-level ones (target: a block). */
export const FILE_OPS = [
  'open',
  'stat',
  'readdir',
  'exec',
  'read',
  'write',
  'mmap',
  'unlink',
] as const;
export const BLOCK_OPS = ['block-read', 'block-write'] as const;
export type FileOp = (typeof FILE_OPS)[number];
export type BlockOp = (typeof BLOCK_OPS)[number];
export type TraceOp = FileOp | BlockOp;

export interface TraceHeader {
  format: typeof TRACE_FORMAT;
  version: number;
  /** Image name, e.g. `redis` or `debian:bookworm`. */
  image: string;
  method: CaptureMethod;
  /** Versions of the tools that captured it, e.g. `{ strace: '6.1', kernel: '6.1.0' }`. */
  tools: Record<string, string>;
  /** The command that ran, and how its readiness was judged (`exit`, `log:TEXT`, `tcp:PORT`). */
  command: string[];
  ready: string;
  /** Seconds from the start of the command to readiness (the end of the startup). */
  readySec: number;
  /** Block size of block numbers in block events and the block map (block traces). */
  blockBytes?: number;
  /** Size of the block device the image was captured on (block traces). */
  deviceBytes?: number;
  /** Anything else worth keeping (HelloBench category, notes). */
  notes?: Record<string, string>;
}

export interface TraceLayer {
  digest: string;
  /** Size of the layer blob as stored (gzip); null when the image had no blobs. */
  compressedBytes: number | null;
  uncompressedBytes: number;
}

export interface TraceFile {
  path: string;
  sizeBytes: number;
  kind: FileKind;
  /** Layer the file comes from (base = 0); -1 for a file the container created. */
  layer: number;
}

/** A run of blocks holding bytes of a file from `fileOffsetBytes` on. */
export interface BlockExtent {
  file: number;
  fileOffsetBytes: number;
  firstBlock: number;
  blockCount: number;
}

export interface TraceEvent {
  /** Seconds since the command started. */
  timeSec: number;
  op: TraceOp;
  /** A file index for file operations, a block number for block operations. */
  target: number;
  offsetBytes: number;
  lengthBytes: number;
  /** How long the operation itself took, when the method measures it. */
  durationSec?: number;
}

export interface Trace {
  header: TraceHeader;
  layers: TraceLayer[];
  files: TraceFile[];
  extents: BlockExtent[];
  events: TraceEvent[];
}

export function isBlockOp(op: TraceOp): op is BlockOp {
  return op === 'block-read' || op === 'block-write';
}

/** The trace as its lines of text (without compression). */
export function traceLines(trace: Trace): string[] {
  const lines: string[] = [JSON.stringify(trace.header)];
  trace.layers.forEach((l, i) =>
    lines.push(
      JSON.stringify(['L', i, l.digest, l.compressedBytes, l.uncompressedBytes]),
    ),
  );
  for (const f of trace.files)
    lines.push(JSON.stringify(['F', f.path, f.sizeBytes, f.kind, f.layer]));
  for (const x of trace.extents) {
    lines.push(
      JSON.stringify(['X', x.file, x.fileOffsetBytes, x.firstBlock, x.blockCount]),
    );
  }
  for (const e of trace.events) {
    const row: unknown[] = [
      'E',
      roundMicro(e.timeSec),
      e.op,
      e.target,
      e.offsetBytes,
      e.lengthBytes,
    ];
    if (e.durationSec !== undefined) row.push(roundMicro(e.durationSec));
    lines.push(JSON.stringify(row));
  }
  lines.push(JSON.stringify(['END', trace.events.length]));
  return lines;
}

/** Gzip-compressed bytes of the trace file. */
export function encodeTrace(trace: Trace): Buffer {
  return gzipSync(traceLines(trace).join('\n') + '\n', { level: 9 });
}

/** Writes `trace` to `path` atomically. */
export function writeTrace(path: string, trace: Trace): void {
  writeFileAtomic(path, encodeTrace(trace));
}

function roundMicro(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}
