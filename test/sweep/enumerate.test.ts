import test from 'ava';
import { InputError } from '../../sim/errors.ts';
import { enumeratePoints } from '../../sim/sweep/enumerate.ts';
import { parseSweepSection, withGridAxes } from '../../sim/sweep/spec.ts';
import { parseRateBytesPerSec } from '../../sim/units.ts';

const at = () => ({ file: 'test.yaml' });

test('grid: cartesian product, first axis slowest, ids in order', (t) => {
  const spec = parseSweepSection({ grid: { a: [1, 2], 'b.c': ['x', 'y', 'z'] } }, at);
  const points = enumeratePoints(spec, 1);
  t.deepEqual(
    points.map((p) => [p.id, p.params.a, p.params['b.c']]),
    [
      [0, 1, 'x'], [1, 1, 'y'], [2, 1, 'z'],
      [3, 2, 'x'], [4, 2, 'y'], [5, 2, 'z'],
    ],
  );
  t.deepEqual(points[4]!.sets, ['a=2', 'b.c=y']);
});

test('zip: values of equal index go together, crossed with the grid', (t) => {
  const spec = parseSweepSection(
    {
      grid: { g: [true, false] },
      zip: { nic: ['1Gbit/s', '10Gbit/s'], lat: ['1ms', '50us'] },
    },
    at,
  );
  const points = enumeratePoints(spec, 1);
  t.deepEqual(points.map((p) => p.sets), [
    ['g=true', 'nic=1Gbit/s', 'lat=1ms'],
    ['g=true', 'nic=10Gbit/s', 'lat=50us'],
    ['g=false', 'nic=1Gbit/s', 'lat=1ms'],
    ['g=false', 'nic=10Gbit/s', 'lat=50us'],
  ]);
});

test('values that YAML would misread are quoted in the overrides', (t) => {
  const grid = { name: ['true', '12', 'plain'], list: [['a', 'b']] };
  const spec = parseSweepSection({ grid }, at);
  t.deepEqual(enumeratePoints(spec, 1).map((p) => p.sets), [
    ['name="true"', 'list=["a","b"]'],
    ['name="12"', 'list=["a","b"]'],
    ['name=plain', 'list=["a","b"]'],
  ]);
});

test('zip lists of different lengths are refused', (t) => {
  const error = t.throws(() => parseSweepSection({ zip: { a: [1, 2], b: [1] } }, at), {
    instanceOf: InputError,
  });
  t.regex(error.message, /sweep\.zip.*a: 2, b: 1/);
});

test('a key swept in grid and zip is refused', (t) => {
  t.throws(() => parseSweepSection({ grid: { a: [1] }, zip: { a: [2] } }, at), {
    instanceOf: InputError,
    message: /swept twice/,
  });
});

test('no axes: one point without overrides', (t) => {
  const points = enumeratePoints(parseSweepSection(undefined, at), 3);
  t.is(points.length, 1);
  t.deepEqual(points[0]!.sets, []);
});

test('random: seeded, within range, units kept, same draws for the same seed', (t) => {
  const raw = {
    random: {
      samples: 50,
      ranges: {
        nic: ['25MB/s', '50MB/s'],
        n: [1, 4],
        f: [0.5, 0.75],
        mixed: ['100Mbit/s', '1Gbit/s'],
      },
    },
  };
  const points = enumeratePoints(parseSweepSection(raw, at), 11);
  t.is(points.length, 50);
  for (const p of points) {
    t.regex(p.params.nic as string, /^\d+(\.\d+)?MB\/s$/);
    const bytesPerSec = parseRateBytesPerSec(p.params.nic);
    t.true(bytesPerSec >= 25e6 && bytesPerSec <= 50e6);
    const n = p.params.n as number;
    t.true(Number.isInteger(n) && n >= 1 && n <= 4);
    t.true((p.params.f as number) >= 0.5 && (p.params.f as number) <= 0.75);
    t.regex(p.params.mixed as string, /Mbit\/s$/);
    const mixed = parseRateBytesPerSec(p.params.mixed);
    t.true(mixed >= 100e6 / 8 && mixed <= 1e9 / 8);
  }
  // Every integer in [1, 4] comes up in 50 draws; the floats are not all equal.
  t.deepEqual([...new Set(points.map((p) => p.params.n))].sort(), [1, 2, 3, 4]);
  t.true(new Set(points.map((p) => p.params.nic)).size > 40);

  const again = enumeratePoints(parseSweepSection(raw, at), 11);
  t.deepEqual(again.map((p) => p.sets), points.map((p) => p.sets));
  const other = enumeratePoints(parseSweepSection(raw, at), 12);
  t.notDeepEqual(other.map((p) => p.sets), points.map((p) => p.sets));
});

test('random: a range mixing kinds or reversed is refused', (t) => {
  const range = (x: string[]) => parseSweepSection({ random: { samples: 1, ranges: { x } } }, at);
  const mixed = range(['1MB', '1s']);
  t.throws(() => enumeratePoints(mixed, 1), { instanceOf: InputError, message: /bad range/ });
  const reversed = range(['2ms', '1ms']);
  t.throws(() => enumeratePoints(reversed, 1), {
    instanceOf: InputError,
    message: /low <= high/,
  });
});

test('--grid axes add to the section and replace an axis of the same key', (t) => {
  const spec = parseSweepSection({ grid: { a: [1, 2], b: [3] } }, at);
  const merged = withGridAxes(spec, [
    { path: 'a', values: [9] },
    { path: 'c', values: [5, 6] },
  ]);
  t.deepEqual(enumeratePoints(merged, 1).map((p) => p.sets), [
    ['a=9', 'b=3', 'c=5'],
    ['a=9', 'b=3', 'c=6'],
  ]);
});
