/**
 * Drawing a value uniformly from a `[low, high]` range of a random sweep.
 *
 * Quantities with units are interpolated in SI (bytes, bytes per second,
 * seconds), so `[100Mbit/s, 1Gbit/s]` is one range of rates, and written
 * back with the low end's unit, rounded to 4 significant digits, so the
 * value the simulator uses is exactly the one the table shows.
 */
import { InputError, type InputErrorWhere } from '../errors.ts';
import type { RandomStream } from '../engine/random.ts';
import { parseDurationSec, parseRateBytesPerSec, parseSizeBytes } from '../units.ts';

/** Draws a sample between two values of one kind. */
export type RangeSampler = (stream: RandomStream) => number | string;

const KINDS: [string, (text: unknown) => number][] = [
  ['rate', parseRateBytesPerSec],
  ['size', parseSizeBytes],
  ['duration', parseDurationSec],
];

const EXPONENT = '(?:[eE][-+]?[0-9]+)?';
const LEADING_NUMBER = new RegExp(
  `^\\s*([0-9]+(?:\\.[0-9]*)?${EXPONENT}|\\.[0-9]+${EXPONENT})`,
);

/**
 * A sampler for `[low, high]`: integers give integers (both ends
 * included), other numbers give numbers, quantities give quantities.
 */
export function rangeSampler(
  low: unknown,
  high: unknown,
  where: InputErrorWhere,
): RangeSampler {
  if (typeof low === 'number' && typeof high === 'number') {
    checkOrder(low, high, where);
    if (Number.isInteger(low) && Number.isInteger(high)) return (s) => s.int(low, high);
    return (s) => round(s.uniform(low, high), 6);
  }
  for (const [kind, parse] of KINDS) {
    const lowSi = tryParse(parse, low);
    const highSi = tryParse(parse, high);
    if (lowSi === undefined || highSi === undefined) continue;
    checkOrder(lowSi, highSi, where);
    const unit = unitOf(lowSi > 0 ? (low as string) : (high as string));
    const siPerUnit = unit.siValue;
    if (!(siPerUnit > 0)) {
      throw badRange(low, high, where, `a non-zero end for the ${kind}`);
    }
    return (s) => `${round(s.uniform(lowSi, highSi) / siPerUnit, 4)}${unit.suffix}`;
  }
  const expected = 'two numbers, or two sizes, rates or durations with units';
  throw badRange(low, high, where, expected);
}

function tryParse(parse: (text: unknown) => number, value: unknown): number | undefined {
  try {
    return parse(value);
  } catch {
    return undefined;
  }
}

/** The unit of a quantity as written, and what one of it is in SI. */
function unitOf(text: string): { suffix: string; siValue: number } {
  const m = LEADING_NUMBER.exec(text)!;
  const number = Number(m[1]);
  const suffix = text.slice(m[0].length).trim();
  for (const [, parse] of KINDS) {
    const si = tryParse(parse, text);
    if (si !== undefined) return { suffix, siValue: si / number };
  }
  return { suffix, siValue: NaN };
}

function checkOrder(low: number, high: number, where: InputErrorWhere): void {
  if (!(low <= high)) throw badRange(low, high, where, 'low <= high');
}

function badRange(low: unknown, high: unknown, where: InputErrorWhere, expected: string) {
  return new InputError('bad range', where, {
    expected,
    found: `[${JSON.stringify(low)}, ${JSON.stringify(high)}]`,
  });
}

function round(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
