import test from 'ava';
import type { StartupOp } from '../../models/image.ts';
import type { Trace } from '../../traces/format.ts';
import { METADATA_FILE, traceToStartup } from '../../traces/to-startup.ts';
import { sampleTrace } from './helpers/sample-trace.ts';

function computeSec(ops: StartupOp[]): number {
  let total = 0;
  for (const op of ops) if (op.op === 'compute') total += op.sec;
  return total;
}

test('file events become lookups, reads and writes with compute gaps between them', (t) => {
  const { layers, startup } = traceToStartup(sampleTrace());
  t.deepEqual(
    layers.map((l) => l.files.map((f) => f.path)),
    [['bin', 'bin/sh', 'etc/conf'], ['app/lib.so']],
  );
  const rounded = startup.map((op) =>
    op.op === 'compute' ? { op: 'compute', sec: Math.round(op.sec * 1e6) / 1e6 } : op,
  );
  t.deepEqual(rounded, [
    { op: 'compute', sec: 0.1 },
    { op: 'open', layer: 0, file: 1 },
    { op: 'compute', sec: 0.1 },
    { op: 'read', layer: 0, file: 2, offsetBytes: 0, lengthBytes: 150 },
    // The read took 0.05 s of the 0.2 s before the mmap: only 0.15 s is compute.
    { op: 'compute', sec: 0.15 },
    // mmap of 4096 bytes at 100 of a 300-byte file reads what exists: 200 bytes.
    { op: 'read', layer: 1, file: 0, offsetBytes: 100, lengthBytes: 200 },
    { op: 'write', layer: 0, file: 2, offsetBytes: 10, lengthBytes: 5 },
    { op: 'compute', sec: 0.3 },
    { op: 'write', layer: -1, file: 0, offsetBytes: 0, lengthBytes: 3 },
    { op: 'compute', sec: 0.3 },
  ]);
  t.true(
    Math.abs(computeSec(startup) - (1.0 - 0.05)) < 1e-9,
    'compute = ready time minus measured I/O time',
  );
});

test('block events become file reads through the extents, the rest metadata reads', (t) => {
  const trace: Trace = {
    ...sampleTrace(),
    header: {
      ...sampleTrace().header,
      method: 'block',
      blockBytes: 100,
      deviceBytes: 10_000,
    },
    // bin/sh (800 bytes) in blocks 10..17; app/lib.so (300 bytes) in blocks 20..22.
    extents: [
      { file: 1, fileOffsetBytes: 0, firstBlock: 10, blockCount: 5 },
      { file: 1, fileOffsetBytes: 500, firstBlock: 30, blockCount: 3 },
      { file: 3, fileOffsetBytes: 0, firstBlock: 20, blockCount: 3 },
    ],
    events: [
      { timeSec: 0.5, op: 'block-read', target: 9, offsetBytes: 0, lengthBytes: 400 },
      { timeSec: 0.6, op: 'block-read', target: 30, offsetBytes: 50, lengthBytes: 300 },
    ],
  };
  const { layers, startup } = traceToStartup(trace);
  const meta = layers[0]!.files.findIndex((f) => f.path === METADATA_FILE);
  t.true(meta >= 0);
  t.is(layers[0]!.files[meta]!.sizeBytes, 10_000);
  t.deepEqual(startup, [
    { op: 'compute', sec: 0.5 },
    { op: 'read', layer: 0, file: meta, offsetBytes: 900, lengthBytes: 100 },
    { op: 'read', layer: 0, file: 1, offsetBytes: 0, lengthBytes: 300 },
    { op: 'compute', sec: 0.09999999999999998 },
    // Blocks 30.. hold bin/sh from byte 500; the file ends at 800, the rest is slack.
    { op: 'read', layer: 0, file: 1, offsetBytes: 550, lengthBytes: 250 },
    // Past the last extent: no file's, so metadata at its device offset.
    { op: 'read', layer: 0, file: meta, offsetBytes: 3300, lengthBytes: 50 },
    { op: 'compute', sec: 0.4 },
  ]);
});
