import test from 'ava';
import { InputError } from '../../sim/errors.ts';
import { parseGridArg } from '../../sim/sweep/grid-arg.ts';
import { pointSeed } from '../../sim/sweep/seed.ts';
import { inShard, parseShard } from '../../sim/sweep/shard.ts';
import { checkMetricPatterns, flattenNumbers, metricFilter } from '../../sim/sweep/metrics.ts';
import { formatIds } from '../../sim/sweep/merge.ts';

test('--grid: YAML values, commas inside brackets and quotes do not split', (t) => {
  t.deepEqual(parseGridArg('testbed.workers.nic=1Gbit/s, 10Gbit/s'), {
    path: 'testbed.workers.nic',
    values: ['1Gbit/s', '10Gbit/s'],
  });
  t.deepEqual(parseGridArg('workload.images=[redis],[redis, python],"a,b"').values, [
    ['redis'],
    ['redis', 'python'],
    'a,b',
  ]);
  t.deepEqual(parseGridArg('drivers[1].nfs_in_flight=1,2,8').values, [1, 2, 8]);
});

test('--grid: bad syntax names the flag', (t) => {
  for (const bad of ['nokey', '=1,2', 'a=1,,2', 'a=[1,2', 'a..b=1', 'a=']) {
    const error = t.throws(() => parseGridArg(bad), { instanceOf: InputError }, bad);
    t.regex(error.message, /^--grid/, bad);
  }
});

test('derived seeds depend on the overrides, not on their order', (t) => {
  const a = pointSeed(1, ['x=1', 'y=2'], 'derived');
  t.is(pointSeed(1, ['y=2', 'x=1'], 'derived'), a);
  t.not(pointSeed(1, ['x=1', 'y=3'], 'derived'), a);
  t.not(pointSeed(2, ['x=1', 'y=2'], 'derived'), a);
  t.true(Number.isInteger(a) && a! >= 0 && a! < 2 ** 31);
  t.is(pointSeed(5, ['x=1'], 'shared'), 5);
  t.is(pointSeed(5, ['seed=9', 'x=1'], 'derived'), undefined);
});

test('--shard: I/N parsed and checked; slices partition the points', (t) => {
  t.deepEqual(parseShard('1/3'), { index: 1, count: 3 });
  for (const bad of ['3/3', '1', '-1/2', 'a/b', '0/0']) {
    t.throws(() => parseShard(bad), { instanceOf: InputError, message: /^--shard/ }, bad);
  }
  const ids = Array.from({ length: 10 }, (_, i) => i);
  const slice = (index: number) => ids.filter((id) => inShard(id, { index, count: 3 }));
  const slices = [0, 1, 2].map(slice);
  t.deepEqual(slices, [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
});

test('metrics: numeric leaves by dotted path; filters with * per segment', (t) => {
  const summary = { a: 1, b: { c: 2, d: NaN, e: 'x' }, f: { g: { h: 3 } }, l: [1] };
  const flat = flattenNumbers(summary);
  t.deepEqual(flat, { a: 1, 'b.c': 2, 'f.g.h': 3 });
  const keep = metricFilter(['f.*.h', 'a']);
  t.deepEqual(Object.keys(flat).filter(keep), ['a', 'f.g.h']);
  t.false(metricFilter(['*'])('f.g.h'));
  t.throws(() => checkMetricPatterns(['nope.*'], Object.keys(flat)), {
    instanceOf: InputError,
    message: /--metrics.*nope/,
  });
});

test('missing points are listed as ranges', (t) => {
  t.is(formatIds([0, 1, 2, 5, 7, 8]), '0-2, 5, 7-8');
  t.is(formatIds([4]), '4');
});
