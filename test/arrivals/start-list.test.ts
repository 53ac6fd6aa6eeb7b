/** The CSV start list: start_s, an optional image column, errors with line and key. */
import test from 'ava';
import { readStartList } from '../../models/arrivals/start-list.ts';
import { fileSource, stringSource } from '../../models/arrivals/text-source.ts';
import { InputError } from '../../sim/errors.ts';
import { fixture, IMAGES } from './helpers.ts';

test('rows become starts sorted by time; an empty image cell means round robin', (t) => {
  // starts.csv rows: 0.5 redis, 0 (no image), 2 busybox.
  const list = readStartList(fileSource(fixture('starts.csv')), IMAGES);
  t.deepEqual(list.arrivals, [
    { startSec: 0 },
    { startSec: 0.5, image: 'redis' },
    { startSec: 2, image: 'busybox' },
  ]);
  t.deepEqual(list.counts, { rows: 3, rows_with_image: 2 });
});

test('without an image column, no start names an image; equal times keep file order', (t) => {
  const list = readStartList(
    stringSource('s.csv', 'x,start_s\na,3\nb,1\n\nc,1e0\n', 4),
    IMAGES,
  );
  t.deepEqual(list.arrivals, [{ startSec: 1 }, { startSec: 1 }, { startSec: 3 }]);
});

function refusal(text: string): InputError {
  try {
    readStartList(stringSource('bad.csv', text), IMAGES);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

test('an unknown image, a bad time or a missing column is an error at its line', (t) => {
  t.like(refusal('start_s,image\n1,redis\n2,nginx\n').where, {
    file: 'bad.csv',
    line: 3,
    key: 'image',
  });
  t.like(refusal('start_s\n1\n-1\n').where, { line: 3, key: 'start_s' });
  for (const cell of ['', 'x', '0x10', 'Infinity', '1e999', ' ', '1 2']) {
    t.like(
      refusal(`start_s,note\n${cell},n\n`).where,
      { line: 2, key: 'start_s' },
      JSON.stringify(cell),
    );
  }
  t.like(refusal('note,start_s\nonly one cell\n').where, { line: 2, key: 'start_s' });
  t.like(refusal('time\n1\n').where, { line: 1 });
  t.like(refusal('').where, { line: 1 });
  t.regex(
    refusal('start_s,image\n2,nginx\n').message,
    /^bad\.csv:2: image: unknown image: expected one of the workload's images/,
  );
});
