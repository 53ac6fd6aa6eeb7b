import test from 'ava';
import { InputError } from '../../sim/errors.ts';
import { ByteRanges } from '../../traces/info/byte-ranges.ts';
import { compareTraces, summariseTrace } from '../../traces/info/summary.ts';
import type { Trace } from '../../traces/format.ts';
import { sampleTrace } from './helpers/sample-trace.ts';

test('byte ranges merge overlaps and measure intersections', (t) => {
  const a = new ByteRanges();
  a.add(0, 10);
  a.add(5, 20);
  a.add(30, 40);
  a.add(20, 25);
  t.is(a.totalBytes(), 35);
  const b = new ByteRanges();
  b.add(15, 35);
  t.is(a.overlapBytes(b), 15);
  t.is(b.overlapBytes(a), 15);
});

test('summarises reads, depth, writes and copy-up of a trace', (t) => {
  const s = summariseTrace(sampleTrace());
  t.is(s.imageBytes, 1300);
  t.is(s.imageCompressedBytes, 500);
  // etc/conf bytes 0..150 (depth 1) and app/lib.so 100..300 (depth 0).
  t.is(s.readBytes, 350);
  t.is(s.readShare, 350 / 1300);
  t.deepEqual(s.byDepth, [
    { depth: 0, imageBytes: 300, readBytes: 200 },
    { depth: 1, imageBytes: 1000, readBytes: 150 },
  ]);
  t.is(s.filesTouched, 3);
  t.is(s.filesRead, 2);
  t.is(s.writtenBytes, 8);
  t.is(s.copyUpBytes, 200, 'etc/conf is copied up whole; the new tmp/out is not');
  t.is(s.filesCopiedUp, 1);
  t.is(s.halfDataDepth, 1);
  t.is(s.deepImageShare, 0);
});

test('counts what a second run read that the first run also read', (t) => {
  const second: Trace = {
    ...sampleTrace(),
    events: [
      { timeSec: 0.1, op: 'read', target: 2, offsetBytes: 100, lengthBytes: 100 },
      { timeSec: 0.2, op: 'read', target: 1, offsetBytes: 0, lengthBytes: 100 },
    ],
  };
  const c = compareTraces(sampleTrace(), second, 'second.trace.gz');
  // etc/conf 100..200: the first run read 0..150, so 50 shared; bin/sh was not read before.
  t.is(c.secondReadBytes, 200);
  t.is(c.sharedReadBytes, 50);
  t.is(c.sharedShare, 0.25);
  const other: Trace = {
    ...second,
    layers: [
      { ...second.layers[0]!, digest: `sha256:${'c'.repeat(64)}` },
      second.layers[1]!,
    ],
  };
  t.throws(() => compareTraces(sampleTrace(), other, 'other.trace.gz'), {
    instanceOf: InputError,
    message: /different images/,
  });
});
