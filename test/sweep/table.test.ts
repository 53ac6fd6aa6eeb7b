import test from 'ava';
import { tableFromIPC } from '@uwdata/flechette';
import type { PointRecord } from '../../sim/sweep/point.ts';
import { sweepArrow, sweepRows } from '../../sim/sweep/table.ts';

function record(point: number, params: Record<string, unknown>, metrics: Record<string, number>) {
  return { point, hash: 'h', params, sets: [], seed: 1, metrics, wall_s: 0 } as PointRecord;
}

const PARAMS = ['nic', 'n', 'ratio'];
const RECORDS = [
  record(1, { nic: '10Gbit/s', n: 2, ratio: 0.5 }, { 'speedup.pull': 2 / 3, x: 1 }),
  record(0, { nic: '1Gbit/s', n: 1, ratio: 0.25 }, { 'speedup.pull': 123456789, x: 2 }),
];

test('rows: sorted by point, parameters as given, fractions to 6 digits, whole numbers exact, filter', (t) => {
  t.deepEqual(sweepRows(PARAMS, RECORDS, (m) => m !== 'x'), [
    { point: 0, nic: '1Gbit/s', n: 1, ratio: 0.25, metric: 'speedup.pull', value: 123456789 },
    { point: 1, nic: '10Gbit/s', n: 2, ratio: 0.5, metric: 'speedup.pull', value: 0.666667 },
  ]);
});

test('Arrow: integer, float and text columns, and an empty table', (t) => {
  const types = (bytes: Uint8Array) =>
    tableFromIPC(bytes).schema.fields.map((f) => [f.name, f.type.typeId]);
  const full = sweepArrow(PARAMS, sweepRows(PARAMS, RECORDS));
  // Arrow type ids: 2 integer, 3 floating point, -1 dictionary (of text).
  t.deepEqual(types(full), [
    ['point', 2], ['nic', -1], ['n', 2], ['ratio', 3], ['metric', -1], ['value', 3],
  ]);
  const table = tableFromIPC(full);
  t.deepEqual(table.getChild('nic')!.toArray(), ['1Gbit/s', '1Gbit/s', '10Gbit/s', '10Gbit/s']);
  const empty = sweepArrow(PARAMS, []);
  t.is(tableFromIPC(empty).numRows, 0);
  t.deepEqual(types(empty).map(([name]) => name), ['point', 'nic', 'n', 'ratio', 'metric', 'value']);
});
