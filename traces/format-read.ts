/**
 * Reading a trace file back, validating every line: a malformed, out of
 * order or truncated trace is an InputError naming the file and the line.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../sim/errors.ts';
import type { FileKind } from '../models/image.ts';
import {
  BLOCK_OPS,
  FILE_OPS,
  TRACE_FORMAT,
  TRACE_VERSION,
  isBlockOp,
  type BlockExtent,
  type CaptureMethod,
  type Trace,
  type TraceEvent,
  type TraceFile,
  type TraceHeader,
  type TraceLayer,
  type TraceOp,
} from './format.ts';

const MAX_EXPANDED_BYTES = 2 ** 30;
const KINDS: FileKind[] = ['file', 'dir', 'symlink', 'hardlink', 'other'];
const OPS = new Set<string>([...FILE_OPS, ...BLOCK_OPS]);
const METHODS = new Set<CaptureMethod>(['strace', 'block', 'pagecache', 'synthetic']);
/** Sections in the order they must appear. */
const ORDER = ['L', 'F', 'X', 'E', 'END'];

/** Reads and validates the trace file at `path`. */
export function readTrace(path: string): Trace {
  let stored: Buffer;
  try {
    stored = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read trace (${(error as Error).message})`, {
      file: path,
    });
  }
  return decodeTrace(stored, path);
}

/** Decodes trace bytes (gzip or plain text); `name` names them in errors. */
export function decodeTrace(stored: Buffer, name: string): Trace {
  let text: string;
  try {
    const gzipped = stored.length >= 2 && stored[0] === 0x1f && stored[1] === 0x8b;
    text = (
      gzipped ? gunzipSync(stored, { maxOutputLength: MAX_EXPANDED_BYTES }) : stored
    ).toString('utf8');
  } catch (error) {
    throw new InputError(
      `trace is not valid gzip or is truncated (${(error as Error).message})`,
      { file: name },
    );
  }
  return parseLines(text.split('\n'), name);
}

function parseLines(lines: string[], file: string): Trace {
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new InputError('trace is empty', { file, line: 1 });
  // One failure function whose line moves with the loop: a closure per line
  // would be garbage for every line of a large trace.
  let line = 1;
  const fail: Fail = (problem, expected, found) =>
    new InputError(
      problem,
      { file, line },
      expected === undefined ? {} : { expected, found },
    );

  const header = parseHeader(lines[0]!, fail);
  const trace: Trace = { header, layers: [], files: [], extents: [], events: [] };
  let section = 0;
  let ended = false;
  let lastTime = 0;
  for (let i = 1; i < lines.length; i++) {
    line = i + 1;
    if (ended) throw fail('content after the END line');
    const row = parseJson(lines[i]!, fail);
    if (!Array.isArray(row) || typeof row[0] !== 'string') {
      throw fail(
        '',
        'an array starting with a tag (L, F, X, E or END)',
        shortly(lines[i]!),
      );
    }
    const tag = row[0];
    const position = ORDER.indexOf(tag);
    if (position < 0)
      throw fail('unknown line tag', 'L, F, X, E or END', JSON.stringify(tag));
    if (position < section)
      throw fail(
        `${tag} line after a later section`,
        `sections in the order ${ORDER.join(', ')}`,
        tag,
      );
    section = position;
    switch (tag) {
      case 'L':
        trace.layers.push(parseLayer(row, trace.layers.length, fail));
        break;
      case 'F':
        trace.files.push(parseFile(row, trace.layers.length, fail));
        break;
      case 'X':
        if (header.blockBytes === undefined) {
          throw fail('block map line in a trace without blockBytes in its header');
        }
        trace.extents.push(parseExtent(row, trace.files.length, fail));
        break;
      case 'E': {
        const event = parseEvent(row, trace, fail);
        if (event.timeSec < lastTime) {
          throw fail(
            'events out of time order',
            `a time >= ${lastTime}`,
            String(event.timeSec),
          );
        }
        lastTime = event.timeSec;
        trace.events.push(event);
        break;
      }
      case 'END':
        expectLength(row, 2, fail);
        if (row[1] !== trace.events.length) {
          throw fail(
            'event count does not match',
            String(row[1]),
            `${trace.events.length} events`,
          );
        }
        ended = true;
        break;
    }
  }
  if (!ended) {
    throw new InputError('trace is truncated (no END line)', {
      file,
      line: lines.length,
    });
  }
  return trace;
}

type Fail = (problem: string, expected?: string, found?: string) => InputError;

function parseHeader(line: string, fail: Fail): TraceHeader {
  const value = parseJson(line, fail);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('', 'a header object', shortly(line));
  }
  const h = value as Record<string, unknown>;
  if (h.format !== TRACE_FORMAT)
    throw fail(
      'not a slacker-sim trace',
      `format "${TRACE_FORMAT}"`,
      JSON.stringify(h.format),
    );
  if (h.version !== TRACE_VERSION) {
    throw fail(
      'unsupported trace version',
      String(TRACE_VERSION),
      JSON.stringify(h.version),
    );
  }
  const text = (key: string) => {
    if (typeof h[key] !== 'string') throw keyFail(fail, key, 'a string', h[key]);
    return h[key] as string;
  };
  const method = text('method') as CaptureMethod;
  if (!METHODS.has(method))
    throw keyFail(fail, 'method', [...METHODS].join(', '), method);
  const tools = stringRecord(h.tools, 'tools', fail);
  if (!Array.isArray(h.command) || !h.command.every((c) => typeof c === 'string')) {
    throw keyFail(fail, 'command', 'an array of strings', h.command);
  }
  const readySec = h.readySec;
  if (typeof readySec !== 'number' || !(readySec >= 0) || !Number.isFinite(readySec)) {
    throw keyFail(fail, 'readySec', 'a number of seconds >= 0', readySec);
  }
  const header: TraceHeader = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    image: text('image'),
    method,
    tools,
    command: h.command as string[],
    ready: text('ready'),
    readySec,
  };
  if (h.blockBytes !== undefined) {
    if (!isCount(h.blockBytes) || h.blockBytes === 0)
      throw keyFail(fail, 'blockBytes', 'a positive integer', h.blockBytes);
    header.blockBytes = h.blockBytes;
  }
  if (h.deviceBytes !== undefined) {
    if (!isCount(h.deviceBytes))
      throw keyFail(fail, 'deviceBytes', 'a byte count', h.deviceBytes);
    header.deviceBytes = h.deviceBytes;
  }
  if (h.notes !== undefined) header.notes = stringRecord(h.notes, 'notes', fail);
  return header;
}

function parseLayer(row: unknown[], index: number, fail: Fail): TraceLayer {
  expectLength(row, 5, fail);
  if (row[1] !== index)
    throw fail(
      'layers must be numbered 0, 1, 2, ...',
      String(index),
      JSON.stringify(row[1]),
    );
  if (typeof row[2] !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(row[2])) {
    throw fail('bad layer digest', 'sha256:<64 hex digits>', JSON.stringify(row[2]));
  }
  if (row[3] !== null && !isCount(row[3]))
    throw fail('bad compressed size', 'a byte count or null', JSON.stringify(row[3]));
  if (!isCount(row[4]))
    throw fail('bad uncompressed size', 'a byte count', JSON.stringify(row[4]));
  return {
    digest: row[2],
    compressedBytes: row[3] as number | null,
    uncompressedBytes: row[4],
  };
}

function parseFile(row: unknown[], layerCount: number, fail: Fail): TraceFile {
  expectLength(row, 5, fail);
  const [, path, sizeBytes, kind, layer] = row;
  if (typeof path !== 'string' || path === '')
    throw fail('bad file path', 'a non-empty path', JSON.stringify(path));
  if (!isCount(sizeBytes))
    throw fail('bad file size', 'a byte count', JSON.stringify(sizeBytes));
  if (!KINDS.includes(kind as FileKind))
    throw fail('bad file kind', KINDS.join(', '), JSON.stringify(kind));
  if (
    !Number.isInteger(layer) ||
    (layer as number) < -1 ||
    (layer as number) >= layerCount
  ) {
    throw fail('bad layer index', `-1 .. ${layerCount - 1}`, JSON.stringify(layer));
  }
  return { path, sizeBytes, kind: kind as FileKind, layer: layer as number };
}

function parseExtent(row: unknown[], fileCount: number, fail: Fail): BlockExtent {
  expectLength(row, 5, fail);
  const [, file, fileOffsetBytes, firstBlock, blockCount] = row;
  if (!isCount(file) || file >= fileCount)
    throw fail('bad file index', `0 .. ${fileCount - 1}`, JSON.stringify(file));
  if (
    !isCount(fileOffsetBytes) ||
    !isCount(firstBlock) ||
    !isCount(blockCount) ||
    blockCount === 0
  ) {
    throw fail(
      'bad extent',
      'byte offset, first block, block count (> 0)',
      JSON.stringify(row.slice(2)),
    );
  }
  return { file, fileOffsetBytes, firstBlock, blockCount };
}

function parseEvent(row: unknown[], trace: Trace, fail: Fail): TraceEvent {
  if (row.length !== 6 && row.length !== 7)
    throw fail('', '6 or 7 fields', `${row.length}`);
  const [, timeSec, op, target, offsetBytes, lengthBytes, durationSec] = row;
  if (typeof timeSec !== 'number' || !(timeSec >= 0) || !Number.isFinite(timeSec)) {
    throw fail('bad event time', 'seconds >= 0', JSON.stringify(timeSec));
  }
  if (typeof op !== 'string' || !OPS.has(op))
    throw fail('bad operation', [...OPS].join(', '), JSON.stringify(op));
  if (!isCount(target))
    throw fail(
      'bad event target',
      'a file index or block number',
      JSON.stringify(target),
    );
  if (!isBlockOp(op as TraceOp) && target >= trace.files.length) {
    throw fail(
      'event names a file not in the file table',
      `0 .. ${trace.files.length - 1}`,
      String(target),
    );
  }
  if (isBlockOp(op as TraceOp) && trace.header.blockBytes === undefined) {
    throw fail('block event in a trace without blockBytes in its header');
  }
  if (!isCount(offsetBytes) || !isCount(lengthBytes)) {
    throw fail(
      'bad offset or length',
      'byte counts',
      JSON.stringify([offsetBytes, lengthBytes]),
    );
  }
  const event: TraceEvent = {
    timeSec,
    op: op as TraceOp,
    target,
    offsetBytes,
    lengthBytes,
  };
  if (durationSec !== undefined) {
    if (
      typeof durationSec !== 'number' ||
      !(durationSec >= 0) ||
      !Number.isFinite(durationSec)
    ) {
      throw fail('bad event duration', 'seconds >= 0', JSON.stringify(durationSec));
    }
    event.durationSec = durationSec;
  }
  return event;
}

function parseJson(line: string, fail: Fail): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw fail('line is not valid JSON', 'one JSON value per line', shortly(line));
  }
}

function expectLength(row: unknown[], n: number, fail: Fail): void {
  if (row.length !== n)
    throw fail(
      `${String(row[0])} line has the wrong number of fields`,
      String(n),
      String(row.length),
    );
}

function stringRecord(value: unknown, key: string, fail: Fail): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw keyFail(fail, key, 'an object', value);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw keyFail(fail, `${key}.${k}`, 'a string', v);
  }
  return value as Record<string, string>;
}

function keyFail(fail: Fail, key: string, expected: string, found: unknown): InputError {
  const error = fail(
    `header key ${key}`,
    expected,
    found === undefined ? 'nothing' : shortly(JSON.stringify(found)),
  );
  return error;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function shortly(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
