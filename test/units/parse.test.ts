/**
 * The unit parser on hand-picked cases: exact values for what people write
 * in scenarios, and refusals (with our own error type) for everything else.
 */
import test from 'ava';
import { InputError } from '../../sim/errors.ts';
import {
  parseDurationSec,
  parseRateBytesPerSec,
  parseSizeBytes,
} from '../../sim/units.ts';

const sizes: [string, number][] = [
  ['329MB', 329_000_000],
  ['4KiB', 4096],
  ['1MiB', 1_048_576],
  ['1GiB', 1_073_741_824],
  ['1kB', 1000],
  ['1KB', 1000],
  ['1.5GB', 1_500_000_000],
  ['.5KiB', 512],
  ['1e3B', 1000],
  ['8bit', 1],
  ['1Mb', 125_000],
  ['10Gbit', 1_250_000_000],
  ['1PiB', 1024 ** 5],
  ['0B', 0],
  ['  2 MB  ', 2_000_000],
  ['1 TB', 1e12],
];

const rates: [string, number][] = [
  ['1Gbit/s', 125_000_000],
  ['125MB/s', 125_000_000],
  ['10Gbps', 1_250_000_000],
  ['10Gb/s', 1_250_000_000],
  ['100Mbit/s', 12_500_000],
  ['1MBps', 1_000_000],
  ['1MiB/s', 1_048_576],
  ['400 MB/s', 400_000_000],
  ['8bit/s', 1],
];

const durations: [string, number][] = [
  ['25ms', 0.025],
  ['2min', 120],
  ['1.5s', 1.5],
  ['3sec', 3],
  ['1h', 3600],
  ['100us', 1e-4],
  ['100\u00b5s', 1e-4],
  ['100\u03bcs', 1e-4],
  ['20ns', 2e-8],
  ['0s', 0],
  ['1e-3s', 0.001],
];

for (const [text, bytes] of sizes) {
  test(`size ${JSON.stringify(text)} is ${bytes} bytes`, (t) =>
    t.is(parseSizeBytes(text), bytes));
}
for (const [text, rate] of rates) {
  test(`rate ${JSON.stringify(text)} is ${rate} B/s`, (t) =>
    t.is(parseRateBytesPerSec(text), rate));
}
for (const [text, sec] of durations) {
  test(`duration ${JSON.stringify(text)} is ${sec} s`, (t) =>
    t.is(parseDurationSec(text), sec));
}

/** Asserts that `parse(value)` throws an InputError whose message mentions `words`. */
function refuses(parse: (v: unknown) => number, value: unknown, ...words: string[]) {
  return (t: import('ava').ExecutionContext) => {
    const error = t.throws(() => parse(value), { instanceOf: InputError });
    for (const w of words)
      t.true(error!.message.includes(w), `${error!.message} lacks ${w}`);
  };
}

test('a bare number is refused and the message says a unit is required', (t) => {
  for (const parse of [parseSizeBytes, parseRateBytesPerSec, parseDurationSec]) {
    refuses(parse, 1000, 'bare number 1000', 'a unit is required')(t);
  }
});

test('a number written as a string without a unit is refused', (t) => {
  refuses(parseSizeBytes, '1000', 'expected a size with a unit', 'found "1000"')(t);
  refuses(parseRateBytesPerSec, '125', 'expected a rate with a unit')(t);
  refuses(parseDurationSec, '25', 'expected a duration with a unit')(t);
});

const badSizes = [
  '10 furlongs',
  '1GHz',
  '1mb',
  '1MBB',
  '1,5MB',
  '1 000MB',
  '0x10MB',
  'MB',
  '1M',
  '1KIB',
  '1Kb/s',
  '1MB/s',
  '10ms',
  '1e400GB',
  'InfinityB',
  'NaNMB',
  '1..5MB',
  '1e3',
];
const badRates = [
  '1Gbit',
  '125MB',
  '1MB/min',
  '1MB/h',
  '1Hz',
  '10Gbpss',
  '1e400Gbit/s',
  '/s',
  'ps',
];
const badDurations = [
  '25',
  '25m',
  '2mins',
  '1 hour',
  '1d',
  '10MB',
  '1e400s',
  'ms',
  '1:30',
];
const badAny: unknown[] = [
  '',
  '   ',
  '-1MB',
  '-5ms',
  '-1Gbit/s',
  '+1MB',
  'NaN',
  'Infinity',
];
const notText: unknown[] = [
  null,
  undefined,
  true,
  [],
  {},
  ['1MB'],
  { size: '1MB' },
  Number.NaN,
];

test('unknown units, wrong kinds and malformed numbers are refused', (t) => {
  for (const text of badSizes) refuses(parseSizeBytes, text, JSON.stringify(text))(t);
  for (const text of badRates)
    refuses(parseRateBytesPerSec, text, JSON.stringify(text))(t);
  for (const text of badDurations)
    refuses(parseDurationSec, text, JSON.stringify(text))(t);
});

test('negative, empty, signed and NaN-ish strings are refused by every parser', (t) => {
  for (const parse of [parseSizeBytes, parseRateBytesPerSec, parseDurationSec]) {
    for (const text of badAny) refuses(parse, text, 'expected')(t);
  }
});

test('values that are not strings are refused with our error type', (t) => {
  for (const parse of [parseSizeBytes, parseRateBytesPerSec, parseDurationSec]) {
    for (const value of notText) refuses(parse, value, 'expected')(t);
  }
});

test('the error says what was expected and shows what was found', (t) => {
  const error = t.throws(() => parseRateBytesPerSec('1 Gbit'), {
    instanceOf: InputError,
  })!;
  t.is(error.expected, 'a rate with a unit, like "1Gbit/s", "125MB/s" or "10Gbps"');
  t.is(error.found, '"1 Gbit"');
  t.is(error.message, `expected ${error.expected}, found "1 Gbit"`);
});
