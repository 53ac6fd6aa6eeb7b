/**
 * The Azure Functions 2019 importer on a fixture small enough to compute by
 * hand (scenarios/fixtures/arrivals/azure-tiny.csv):
 *
 *   line  function         minute: 1  2  3  4  5   total
 *   2     appA/f1 http             0  2  1  0  3     6
 *   3     appA/f2 timer            1  1  1  1  1     5
 *   4     appB/f3 http             0  0  4  0  0     4
 *   5     appC/f4 queue            5  0  0  0  2     7
 */
import test from 'ava';
import {
  readAzureFunctions,
  type AzureFunctionsOptions,
} from '../../models/arrivals/azure-functions.ts';
import { hashedImage } from '../../models/arrivals/image-hash.ts';
import { fileSource, stringSource } from '../../models/arrivals/text-source.ts';
import { RandomStreams } from '../../sim/engine/random.ts';
import { InputError } from '../../sim/errors.ts';
import { brokenInvariant, fixture, IMAGES } from './helpers.ts';

const TINY = fixture('azure-tiny.csv');
const base: AzureFunctionsOptions = { scale: 1, spread: 'even', maxStarts: 1e6 };
const rng = (seed = 1) => new RandomStreams(seed).stream('arrivals');
const read = (options: Partial<AzureFunctionsOptions>, seed = 1) =>
  readAzureFunctions(fileSource(TINY), { ...base, ...options }, IMAGES, rng(seed));
const imageA = hashedImage('appA', IMAGES);
const imageB = hashedImage('appB', IMAGES);
const imageC = hashedImage('appC', IMAGES);

test('minutes 2-4, even spread: k starts of a minute at (j + 0.5) * 60 / k', (t) => {
  // Minute 2 begins at 0 s. f1: 2 in minute 2 -> 15, 45; 1 in minute 3 -> 90.
  // f2: 1 in each -> 30, 90, 150. f3: 4 in minute 3 -> 60 + 7.5, 22.5, 37.5, 52.5.
  // f4: nothing in minutes 2-4. The tie at 90 s keeps row order (f1, then f2).
  const list = read({ minutes: [2, 4] });
  t.deepEqual(list.arrivals, [
    { startSec: 15, image: imageA },
    { startSec: 30, image: imageA },
    { startSec: 45, image: imageA },
    { startSec: 67.5, image: imageB },
    { startSec: 82.5, image: imageB },
    { startSec: 90, image: imageA },
    { startSec: 90, image: imageA },
    { startSec: 97.5, image: imageB },
    { startSec: 112.5, image: imageB },
    { startSec: 150, image: imageA },
  ]);
  t.deepEqual(list.counts, {
    functions_in_file: 4,
    functions_replayed: 3,
    invocations_replayed: 10,
    starts: 10,
  });
});

test('two busiest functions, scale 0.5 with per-function cumulative rounding', (t) => {
  // Busiest: f4 (7), f1 (6). Running totals C and round(0.5 C) per minute:
  //   f1: C 0,2,3,3,6 -> 0,1,2,2,3 -> one start in minutes 2, 3 and 5: 90, 150, 270 s
  //   f4: C 5,5,5,5,7 -> 3,3,3,3,4 -> three in minute 1 (10, 30, 50 s), one in 5 (270 s)
  // Totals 3 + 4 = round(0.5 * 6) + round(0.5 * 7) = 7.
  const list = read({ functions: 2, scale: 0.5 });
  t.deepEqual(list.arrivals, [
    { startSec: 10, image: imageC },
    { startSec: 30, image: imageC },
    { startSec: 50, image: imageC },
    { startSec: 90, image: imageA },
    { startSec: 150, image: imageA },
    { startSec: 270, image: imageA },
    { startSec: 270, image: imageC },
  ]);
  t.is(list.counts.invocations_replayed, 13);
});

test('triggers filter before the busiest are chosen', (t) => {
  // http functions: f1 (6) and f3 (4); the busiest one is f1.
  const list = read({ triggers: ['http'], functions: 1 });
  t.deepEqual(
    list.arrivals.map((a) => a.startSec),
    [60 + 15, 60 + 45, 120 + 30, 240 + 10, 240 + 30, 240 + 50],
  );
  t.is(list.counts.functions_replayed, 1);
});

test('uniform spread: each start inside its minute, same per-minute counts, seeded', (t) => {
  const even = read({ minutes: [2, 4] });
  const uniform = read({ minutes: [2, 4], spread: 'uniform' });
  const minuteOf = (s: number) => Math.floor(s / 60);
  const histogram = (xs: number[]) =>
    xs.reduce<Record<number, number>>((h, m) => ({ ...h, [m]: (h[m] ?? 0) + 1 }), {});
  t.deepEqual(
    histogram(uniform.arrivals.map((a) => minuteOf(a.startSec))),
    histogram(even.arrivals.map((a) => minuteOf(a.startSec))),
  );
  t.is(brokenInvariant(uniform, IMAGES, 180), undefined);
  t.deepEqual(
    read({ minutes: [2, 4], spread: 'uniform' }).arrivals,
    uniform.arrivals,
    'same seed, same starts',
  );
  t.notDeepEqual(
    read({ minutes: [2, 4], spread: 'uniform' }, 2).arrivals,
    uniform.arrivals,
    'another seed moves them',
  );
});

test('the whole day sample: 1440 minute columns, minutes 600-602, six busiest', (t) => {
  // Per-function invocations in minutes 600-602 of the sample: 73, 46, 31, 5 and
  // three functions with 1; the tie among those goes to the earlier rows.
  const list = readAzureFunctions(
    fileSource(fixture('azure-day-sample.csv')),
    { ...base, minutes: [600, 602], functions: 6, spread: 'uniform' },
    IMAGES,
    rng(),
  );
  t.is(list.arrivals.length, 73 + 46 + 31 + 5 + 1 + 1);
  t.is(list.counts.functions_in_file, 8);
  t.is(brokenInvariant(list, IMAGES, 180), undefined);
});

test('max_starts: the row that crosses the cap is named', (t) => {
  // Minutes 2-4 give 3 (line 2) + 3 (line 3) + 4 (line 4) starts: 10 > 9 at line 4.
  const error = t.throws(() => read({ minutes: [2, 4], maxStarts: 9 }), {
    instanceOf: InputError,
  })!;
  t.like(error.where, { file: TINY, line: 4, key: 'max_starts' });
  t.is(read({ minutes: [2, 4], maxStarts: 10 }).arrivals.length, 10);
});

/** The InputError that reading `text` as an Azure file named bad.csv raises. */
function bad(text: string, options: Partial<AzureFunctionsOptions> = {}): InputError {
  try {
    readAzureFunctions(
      stringSource('bad.csv', text),
      { ...base, ...options },
      IMAGES,
      rng(),
    );
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const HEADER = 'HashOwner,HashApp,HashFunction,Trigger,1,2,3';

test('errors name the file, line, column and column name', (t) => {
  t.like(bad(`${HEADER}\no,a,f,http,1,x,3\n`).where, {
    file: 'bad.csv',
    line: 2,
    column: 14,
    key: 'minute 2',
  });
  t.like(bad(`${HEADER}\no,a,f,http,1,-2,3\n`).where, { line: 2, key: 'minute 2' });
  t.like(bad(`${HEADER}\no,a,f,http,1,2\n`).where, { line: 2 });
  t.like(bad(`${HEADER}\no,,f,http,1,2,3\n`).where, {
    line: 2,
    column: 3,
    key: 'HashApp',
  });
  t.like(bad('HashOwner,HashApp,HashFunction,Trigger,1,3\n').where, { line: 1 });
  t.like(bad('start_s\n1\n').where, { line: 1 });
  t.like(bad('').where, { file: 'bad.csv', line: 1 });
  t.like(bad(`${HEADER}\n`, { minutes: [2, 4] }).where, { line: 1, key: 'minutes' });
  t.regex(
    bad(`${HEADER}\no,a,f,http,1,x,3\n`).message,
    /^bad\.csv:2:14: minute 2: expected an invocation count/,
  );
});

test('CRLF line ends, a missing final newline and a byte-order mark read the same', (t) => {
  const lf = `${HEADER}\no,a,f,http,1,2,3\n`;
  const crlf = `\ufeff${HEADER}\r\no,a,f,http,1,2,3`;
  const one = (text: string) =>
    readAzureFunctions(stringSource('x.csv', text, 5), { ...base }, IMAGES, rng())
      .arrivals;
  t.deepEqual(one(crlf), one(lf));
  t.is(one(lf).length, 6);
});
