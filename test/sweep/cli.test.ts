import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../sim/cli/main.ts';
import { runTiny, scratch, TINY } from './helpers.ts';

const SIM = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
// 16 points of a few tens of milliseconds each, one worker: long enough to
// interrupt after the first points.
const GRID = ['drivers[0].max_concurrent_downloads=1,2,3,4'];

/** Runs `sim ARGS` in this process; returns the exit status and stderr. */
async function sim(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stderr };
  } finally {
    process.stderr.write = write;
  }
}

test.serial('bad --grid, --shard and --jobs exit 2 naming the flag', async (t) => {
  const out = scratch('flags');
  const cases: [string[], RegExp][] = [
    [['--grid', 'testbed.workers.nic'], /--grid: expected key\.path=v1,v2/],
    [['--grid', 'a=[1,2'], /--grid a: expected a comma-separated list/],
    [['--shard', '2/2'], /--shard: expected I\/N/],
    [['--jobs', '0'], /--jobs: expected an integer from 1 to 1024, found "0"/],
  ];
  for (const [flags, message] of cases) {
    const { code, stderr } = await sim(['sweep', TINY, '--out', out, ...flags]);
    t.is(code, 2, flags.join(' '));
    t.regex(stderr, message, flags.join(' '));
  }
  t.false(existsSync(join(out, 'points')));
});

test.serial('merge with a missing shard exits 2 and lists the missing points', async (t) => {
  const shard = scratch('cli-shard');
  await runTiny(shard, { shard: { index: 0, count: 2 } });
  const { code, stderr } = await sim(['merge', shard, '--out', scratch('cli-merged')]);
  t.is(code, 2);
  t.regex(stderr, /2 of 4 points missing.*points 1, 3/);
});

/** Starts `sim sweep` in a child process and interrupts it after `after` points. */
async function interrupt(out: string, signal: NodeJS.Signals, after: number) {
  const grid = GRID.flatMap((g) => ['--grid', g]);
  const args = [SIM, 'sweep', TINY, '--jobs', '1', '--out', out, ...grid];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const points = join(out, 'points');
  const count = () =>
    existsSync(points) ? readdirSync(points).filter((f) => f.endsWith('.json')).length : 0;
  const poll = setInterval(() => {
    if (count() < after) return;
    clearInterval(poll);
    child.kill(signal);
  }, 20);
  const code = await exited;
  clearInterval(poll);
  return { code, stderr, done: count() };
}

test('an interrupted sweep keeps its points and resumes from them', async (t) => {
  const out = scratch('sigint');
  const stopped = await interrupt(out, 'SIGINT', 2);
  t.is(stopped.code, 130, stopped.stderr);
  t.regex(stopped.stderr, /interrupted: \d+ of 16 points done.*rerun the same command/);
  t.true(stopped.done >= 2 && stopped.done < 16, `${stopped.done} points done`);

  const outcome = await runTiny(out, { grid: GRID, jobs: 1 });
  t.is(outcome.resumed, stopped.done);
  t.is(outcome.ran, 16 - stopped.done);
});

test.serial('a bad value in the file\'s grid is shown where it is written, by sweep and by validate', async (t) => {
  const dir = scratch('bad-grid');
  const file = join(dir, 'grid.yaml');
  writeFileSync(
    file,
    [
      'name: bad-grid',
      'drivers:',
      '  - name: aufs',
      '    kind: aufs',
      'workload:',
      '  images: [redis]',
      'sweep:',
      '  grid:',
      '    testbed.workers.cores: [1, 0, 4]',
      '',
    ].join('\n'),
  );
  const expected =
    `${file}:9:32: sweep.grid.testbed.workers.cores[1]: sweep point 1 ` +
    '(testbed.workers.cores=0): expected an integer from 1 to 4096, found 0';
  const out = join(dir, 'out');
  const swept = await sim(['sweep', file, '--out', out]);
  t.is(swept.code, 2);
  t.is(swept.stderr.trim(), `sim: ${expected}`);
  t.false(existsSync(out));
  const validated = await sim(['validate', file]);
  t.is(validated.code, 2);
  t.is(validated.stderr.trim(), `sim: ${expected}`);
});

test.serial('a --metrics pattern no point has warns after the first point and fails at the end', async (t) => {
  const out = scratch('typo-metric');
  const { code, stderr } = await sim(['sweep', TINY, '--out', out, '--metrics', 'typo_metric', ...GRID.flatMap((g) => ['--grid', g])]);
  t.is(code, 2);
  const lines = stderr.trim().split('\n');
  t.regex(lines[0]!, /^sim: sweep: warning: --metrics "typo_metric" matches no metric of the first point/);
  t.regex(lines.at(-1)!, /^sim: --metrics: unknown metric: expected one of .*found "typo_metric"$/);
  // The points are kept for a corrected re-run.
  t.true(readdirSync(join(out, 'points')).length > 0);
});

test.serial('a --grid value is blamed on --grid, and a key in two --grid flags is refused', async (t) => {
  const out = scratch('grid-flags');
  const bad = await sim(['sweep', TINY, '--out', out, '--grid', 'testbed.workers.nic=1Gbit/s,ten']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /^sim: sweep point \d+ \(.*testbed\.workers\.nic=ten.*\): .*\(--set testbed\.workers\.nic=ten\)/);
  const twice = await sim(['sweep', TINY, '--out', out, '--grid', 'testbed.workers.cores=1', '--grid', 'testbed.workers.cores=2']);
  t.is(twice.code, 2);
  t.is(twice.stderr.trim(), 'sim: --grid testbed.workers.cores: expected each key in one --grid, with all its values, found the key in two --grid flags');
});
