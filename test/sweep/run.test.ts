import test from 'ava';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromArrow } from 'arquero';
import { planSweep } from '../../models/sweep/plan.ts';
import { InputError } from '../../sim/errors.ts';
import { mergeSweeps } from '../../sim/sweep/merge.ts';
import { bytes, runTiny, scratch, TINY } from './helpers.ts';

// A third axis makes 8 points, enough for two workers and two shards to
// interleave differently from one worker.
const GRID = ['drivers[0].max_concurrent_downloads=1,3'];
let reference = '';

test.before(async () => {
  reference = scratch('ref');
  const outcome = await runTiny(reference, { grid: GRID, jobs: 1 });
  if (outcome.ran !== 8) throw new Error(`reference sweep ran ${outcome.ran} points`);
});

test('the table has one row per point and metric, parameters as columns', (t) => {
  const lines = bytes(reference, 'sweep.csv').toString().trim().split('\n');
  t.is(lines[0], 'point,testbed.workers.nic,drivers[1].nfs_read_size,' +
    'drivers[0].max_concurrent_downloads,metric,value');
  const rows = lines.slice(1).map((l) => l.split(','));
  t.deepEqual([...new Set(rows.map((r) => r[0]))], ['0', '1', '2', '3', '4', '5', '6', '7']);
  t.deepEqual(rows.find((r) => r[0] === '5')!.slice(1, 4), ['10Gbit/s', '64KiB', '3']);
  const metrics = new Set(rows.map((r) => r[4]));
  for (const m of ['speedup.deployment', 'drivers.aufs.median_total_s', 'aufs_pull_share']) {
    t.true(metrics.has(m), m);
  }
  t.is(rows.length, 8 * metrics.size);
});

test('the Arrow file holds the same table as the CSV', (t) => {
  const arrow = fromArrow(bytes(reference, 'sweep.arrow'));
  const csv = bytes(reference, 'sweep.csv').toString().trim().split('\n');
  t.deepEqual(arrow.columnNames(), csv[0]!.split(','));
  t.is(arrow.numRows(), csv.length - 1);
  const row = csv[17]!.split(',');
  const got = arrow.object(16) as Record<string, unknown>;
  t.is(got.point, Number(row[0]));
  t.is(got['testbed.workers.nic'], row[1]);
  t.is(got['drivers[0].max_concurrent_downloads'], Number(row[3]));
  t.is(got.metric, row[4]);
  t.is(got.value, Number(row[5]));
});

test('results do not depend on --jobs', async (t) => {
  const out = scratch('jobs2');
  await runTiny(out, { grid: GRID, jobs: 2 });
  t.true(bytes(out, 'sweep.csv').equals(bytes(reference, 'sweep.csv')));
  t.true(bytes(out, 'sweep.arrow').equals(bytes(reference, 'sweep.arrow')));
});

test('two shards merged give the same bytes as one run', async (t) => {
  const shards = [scratch('shard0'), scratch('shard1')];
  await Promise.all(
    shards.map((dir, index) =>
      runTiny(dir, { grid: GRID, jobs: 1, shard: { index, count: 2 } }),
    ),
  );
  t.deepEqual(readdirSync(join(shards[1]!, 'points')), [
    '00001.json',
    '00003.json',
    '00005.json',
    '00007.json',
  ]);
  const out = scratch('merged');
  const merged = mergeSweeps({ dirs: shards, outDir: out });
  t.deepEqual(merged.missing, []);
  t.true(bytes(out, 'sweep.csv').equals(bytes(reference, 'sweep.csv')));
  t.true(bytes(out, 'sweep.arrow').equals(bytes(reference, 'sweep.arrow')));

  // Merging the same shards again is refused as an overlap ...
  t.throws(() => mergeSweeps({ dirs: [shards[0]!, shards[0]!], outDir: scratch('x') }), {
    instanceOf: InputError,
    message: /overlap/,
  });
  // ... and one shard alone misses the other's points.
  const error = t.throws(() => mergeSweeps({ dirs: [shards[0]!], outDir: scratch('y') }), {
    instanceOf: InputError,
  });
  t.regex(error.message, /4 of 8 points missing.*points 1, 3, 5, 7/);
  const partial = mergeSweeps({
    dirs: [shards[0]!],
    outDir: scratch('z'),
    allowMissing: true,
  });
  t.deepEqual(partial.missing, [1, 3, 5, 7]);
});

test('resume recomputes only the missing points', async (t) => {
  const out = scratch('resume');
  cpSync(reference, out, { recursive: true });
  for (const id of ['00002', '00005']) rmSync(join(out, 'points', `${id}.json`));
  rmSync(join(out, 'sweep.csv'));
  const kept = ['00000', '00007'].map((id) => join(out, 'points', `${id}.json`));
  const before = kept.map((f) => statSync(f).mtimeMs);

  const outcome = await runTiny(out, { grid: GRID, jobs: 1 });
  t.is(outcome.ran, 2);
  t.is(outcome.resumed, 6);
  t.deepEqual(kept.map((f) => statSync(f).mtimeMs), before);
  t.true(bytes(out, 'sweep.csv').equals(bytes(reference, 'sweep.csv')));
});

test('a changed sweep in the same folder is refused unless --fresh', async (t) => {
  const out = scratch('changed');
  cpSync(reference, out, { recursive: true });
  await t.throwsAsync(runTiny(out, { grid: ['drivers[0].max_concurrent_downloads=1,2'] }), {
    instanceOf: InputError,
    message: /holds another sweep/,
  });

  // The same grid with different scenario text is another sweep too.
  const edited = join(scratch('edited'), 'tiny.yaml');
  writeFileSync(edited, readFileSync(TINY, 'utf8').replace('seed: 7', 'seed: 8'));
  const hashOf = (file: string) => planSweep(file, { grid: GRID }).manifest.hash;
  t.not(hashOf(edited), hashOf(TINY));

  const narrower = ['drivers[0].max_concurrent_downloads=2'];
  const fresh = await runTiny(out, { grid: narrower, fresh: true });
  t.is(fresh.ran, 4);
  t.deepEqual(readdirSync(join(out, 'points')), [
    '00000.json',
    '00001.json',
    '00002.json',
    '00003.json',
  ]);

  // `out` now holds the narrower sweep: merging it with the reference is refused.
  t.throws(() => mergeSweeps({ dirs: [reference, out], outDir: scratch('w') }), {
    instanceOf: InputError,
    message: /different sweeps/,
  });
});

test('a bad value fails before any point runs, naming the point', async (t) => {
  const out = scratch('bad');
  const error = await t.throwsAsync(
    runTiny(out, { grid: ['testbed.workers.nic=1Gbit/s,fast'] }),
    { instanceOf: InputError },
  );
  t.regex(error!.message, /point 2 .*testbed\.workers\.nic.*rate/);
  // Nothing written, so fixing the value and rerunning needs no --fresh.
  t.deepEqual(readdirSync(out), []);
});
