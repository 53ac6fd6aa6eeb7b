import test from 'ava';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTrace, type Trace } from '../../traces/format.ts';
import { tempDir } from './helpers/archive.ts';
import { sampleTrace } from './helpers/sample-trace.ts';

function sim(args: string[]) {
  return spawnSync(process.execPath, ['--import=tsx', 'sim/cli/main.ts', ...args], {
    encoding: 'utf8',
  });
}

test('sim trace info prints the figures as JSON and compares two runs', (t) => {
  const dir = tempDir();
  try {
    const first = join(dir, 'a.trace.gz');
    const second = join(dir, 'b.trace.gz');
    writeTrace(first, sampleTrace());
    const again: Trace = {
      ...sampleTrace(),
      events: [
        { timeSec: 0.1, op: 'read', target: 2, offsetBytes: 100, lengthBytes: 100 },
      ],
    };
    writeTrace(second, again);
    const run = sim(['trace', 'info', first, '--json', '--compare', second]);
    t.is(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    t.is(out.readBytes, 350);
    t.is(out.imageBytes, 1300);
    t.is(out.comparison.sharedShare, 0.5);

    const text = sim(['trace', 'info', first]);
    t.regex(text.stdout, /read at startup\s+350 B = 26\.9% of the image/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sim trace info names the line of a broken trace and exits 2', (t) => {
  const dir = tempDir();
  try {
    const file = join(dir, 'broken.trace');
    writeFileSync(file, '{"format":"slacker-trace","version":1}\n');
    const run = sim(['trace', 'info', file]);
    t.is(run.status, 2);
    t.regex(run.stderr, /broken\.trace:1: header key method: expected a string/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sim trace capture refuses a bad --ready before doing anything', (t) => {
  const run = sim([
    'trace',
    'capture',
    '--image',
    'nowhere',
    '--ready',
    'soon',
    '--out',
    'x.trace.gz',
    '--',
    '/bin/true',
  ]);
  t.is(run.status, 2);
  t.regex(run.stderr, /--ready: expected exit, log:TEXT or tcp:PORT, found "soon"/);
});
