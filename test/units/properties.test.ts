/**
 * Properties of the unit parser over generated input (10,000 runs each):
 * formatting a value with a unit and parsing it gives the value back, and no
 * string whatever makes a parser return a bad number or throw anything but
 * our InputError.
 */
import test from 'ava';
import fc from 'fast-check';
import { InputError } from '../../sim/errors.ts';
import {
  parseDurationSec,
  parseRateBytesPerSec,
  parseSizeBytes,
} from '../../sim/units.ts';

const RUNS = 10_000;

// The unit tables as the standards state them (SI and IEC 80000-13), written
// out again here rather than imported, so a wrong factor in the parser shows.
const PREFIXES: [string, number][] = [
  ['', 1],
  ['k', 1e3],
  ['K', 1e3],
  ['M', 1e6],
  ['G', 1e9],
  ['T', 1e12],
  ['P', 1e15],
  ['Ki', 2 ** 10],
  ['Mi', 2 ** 20],
  ['Gi', 2 ** 30],
  ['Ti', 2 ** 40],
  ['Pi', 2 ** 50],
];
const BASES: [string, number][] = [
  ['B', 1],
  ['bit', 1 / 8],
  ['b', 1 / 8],
];
const SIZE_UNITS = PREFIXES.flatMap(([p, pf]) =>
  BASES.map(([b, bf]) => [p + b, pf * bf] as const),
);
const RATE_UNITS = SIZE_UNITS.flatMap(([u, f]) => [
  [`${u}/s`, f] as const,
  [`${u}ps`, f] as const,
]);
const DURATION_UNITS = [
  ['ns', 1e-9],
  ['us', 1e-6],
  ['\u00b5s', 1e-6],
  ['\u03bcs', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
  ['sec', 1],
  ['min', 60],
  ['h', 3600],
] as const;

const magnitude = fc.oneof(
  fc.constant(0),
  fc.nat({ max: 1_000_000 }),
  fc.double({ min: 1e-100, max: 1e15, noNaN: true }),
);
const spelling = fc.constantFrom<(v: number) => string>(
  (v) => String(v),
  (v) => v.toExponential(),
  (v) => v.toExponential().toUpperCase(),
  (v) => v.toPrecision(17),
);
const gap = fc.constantFrom('', ' ', '  ');

function roundTrip(
  t: import('ava').ExecutionContext,
  units: readonly (readonly [string, number])[],
  parse: (text: unknown) => number,
) {
  let checked = 0;
  fc.assert(
    fc.property(
      magnitude,
      spelling,
      gap,
      fc.constantFrom(...units),
      (v, spell, sp, [unit, factor]) => {
        const got = parse(`${spell(v)}${sp}${unit}`);
        const want = v * factor;
        checked++;
        return want === 0 ? got === 0 : Math.abs(got - want) <= 1e-12 * Math.abs(want);
      },
    ),
    { numRuns: RUNS, seed: 0x5ac1 },
  );
  t.is(checked, RUNS);
}

test('sizes: a formatted value parses back to itself (relative 1e-12)', (t) => {
  roundTrip(t, SIZE_UNITS, parseSizeBytes);
});

test('rates: a formatted value parses back to itself (relative 1e-12)', (t) => {
  roundTrip(t, RATE_UNITS, parseRateBytesPerSec);
});

test('durations: a formatted value parses back to itself (relative 1e-12)', (t) => {
  roundTrip(t, DURATION_UNITS, parseDurationSec);
});

/** Strings that look like `units` often, and like anything at all sometimes. */
function anyText(units: readonly (readonly [string, number])[]): fc.Arbitrary<string> {
  const number = fc.oneof(
    fc.double().map(String),
    fc.nat().map(String),
    fc.constantFrom('', '.', 'e', '-', '1e', '.e1', '1e+', '0.0'),
  );
  const unit = fc.constantFrom(...units.map(([u]) => u), 'x', '', 'B/s', 'bit');
  const tail = fc.constantFrom('', '', '', '/s', 'ps', 's', ' ', 'x');
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(number, gap, unit, tail).map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );
}

for (const [name, parse, units] of [
  ['size', parseSizeBytes, SIZE_UNITS],
  ['rate', parseRateBytesPerSec, RATE_UNITS],
  ['duration', parseDurationSec, DURATION_UNITS],
] as const) {
  test(`${name}: any string gives a finite number >= 0 or an InputError, nothing else`, (t) => {
    let accepted = 0;
    fc.assert(
      fc.property(anyText(units), (text) => {
        let value: number;
        try {
          value = parse(text);
        } catch (error) {
          return error instanceof InputError && error.message.startsWith('expected ');
        }
        accepted++;
        return Number.isFinite(value) && value >= 0 && parse(` ${text}\t`) === value;
      }),
      { numRuns: RUNS, seed: 0x5ac2 },
    );
    // The generator must reach the accepting side too, or the property says little.
    t.true(accepted > 1000, `only ${accepted} accepted`);
  });
}
