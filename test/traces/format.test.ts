import test from 'ava';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../sim/errors.ts';
import { encodeTrace, traceLines, writeTrace } from '../../traces/format.ts';
import { decodeTrace, readTrace } from '../../traces/format-read.ts';
import { tempDir } from './helpers/archive.ts';
import { sampleTrace } from './helpers/sample-trace.ts';

test('a trace survives writing and reading back', (t) => {
  const dir = tempDir();
  try {
    const path = join(dir, 'sample.trace.gz');
    writeTrace(path, sampleTrace());
    t.deepEqual(readTrace(path), sampleTrace());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the file is gzip-compressed JSON lines with a versioned header and an END line', (t) => {
  const bytes = encodeTrace(sampleTrace());
  t.is(bytes[0], 0x1f);
  const lines = traceLines(sampleTrace());
  t.like(JSON.parse(lines[0]!), {
    format: 'slacker-trace',
    version: 1,
    method: 'strace',
  });
  t.deepEqual(JSON.parse(lines[1]!), ['L', 0, `sha256:${'a'.repeat(64)}`, 400, 1000]);
  t.deepEqual(JSON.parse(lines.at(-1)!), ['END', 5]);
  t.deepEqual(
    decodeTrace(Buffer.from(lines.join('\n')), 'plain'),
    sampleTrace(),
    'plain text is accepted too',
  );
});

/** Decodes the sample's lines after `change` and returns the error. */
function errorAfter(t: any, change: (lines: string[]) => void): InputError {
  const lines = traceLines(sampleTrace());
  change(lines);
  return t.throws(() => decodeTrace(gzipSync(lines.join('\n')), 'x.trace.gz'), {
    instanceOf: InputError,
  });
}

test('malformed lines are reported with file and line', (t) => {
  let error = errorAfter(t, (l) => (l[3] = '["F","bin/sh",800,"file"'));
  t.is(error.where.line, 4);
  t.regex(error.message, /^x\.trace\.gz:4: line is not valid JSON/);

  error = errorAfter(t, (l) => (l[4] = '["F","bin/sh",-5,"file",0]'));
  t.regex(
    error.message,
    /^x\.trace\.gz:5: bad file size: expected a byte count, found -5/,
  );

  error = errorAfter(t, (l) => (l[8] = '["E",0.1,"exec",99,0,0]'));
  t.regex(error.message, /:9: event names a file not in the file table/);

  error = errorAfter(t, (l) => (l[9] = '["E",0.2,"fly",2,0,150]'));
  t.regex(error.message, /:10: bad operation/);

  error = errorAfter(t, (l) => (l[10] = '["E",0.01,"read",2,0,1]'));
  t.regex(error.message, /:11: events out of time order/);

  error = errorAfter(t, (l) => l.splice(2, 0, l.splice(4, 1)[0]!));
  t.regex(error.message, /:4: L line after a later section/);

  error = errorAfter(t, (l) => l.splice(8, 0, '["X",1,0,10,2]'));
  t.regex(error.message, /:9: block map line in a trace without blockBytes/);

  error = errorAfter(t, (l) => (l[0] = l[0]!.replace('"version":1', '"version":7')));
  t.regex(error.message, /:1: unsupported trace version: expected 1, found 7/);

  error = errorAfter(
    t,
    (l) => (l[0] = l[0]!.replace('"readySec":1', '"readySec":"soon"')),
  );
  t.regex(error.message, /:1: header key readySec: expected a number of seconds/);
});

test('truncated traces are refused', (t) => {
  let error = errorAfter(t, (l) => l.pop());
  t.regex(error.message, /trace is truncated \(no END line\)/);
  error = errorAfter(t, (l) => l.splice(l.length - 2, 1));
  t.regex(error.message, /event count does not match: expected 5, found 4 events/);
  const bytes = encodeTrace(sampleTrace());
  error = t.throws(
    () => decodeTrace(bytes.subarray(0, bytes.length - 12), 'cut.trace.gz'),
    { instanceOf: InputError },
  );
  t.regex(error.message, /^cut\.trace\.gz: trace is not valid gzip or is truncated/);
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'empty.trace.gz'), '');
    t.throws(() => readTrace(join(dir, 'empty.trace.gz')), {
      instanceOf: InputError,
      message: /trace is empty/,
    });
    t.throws(() => readTrace(join(dir, 'missing.trace.gz')), {
      instanceOf: InputError,
      message: /cannot read trace/,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
