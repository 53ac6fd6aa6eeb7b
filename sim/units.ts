/**
 * Quantities with units, as users write them in scenarios: sizes (`329MB`,
 * `4KiB`), rates (`1Gbit/s`, `125MB/s`), durations (`25ms`, `2min`).
 *
 * Decimal prefixes are powers of 1000 and binary ones powers of 1024, as in
 * IEC 80000-13: `1MB` is 1,000,000 bytes, `1MiB` 1,048,576. `B` is a byte and
 * `bit` (or `b`) a bit. A bare number is never accepted where a unit is
 * needed: it is the most common mistake and the most expensive one.
 */
import { InputError } from './errors.ts';

/** The three kinds of quantity a scenario may carry. */
export type UnitKind = 'size' | 'rate' | 'duration';

const PREFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
};

// Seconds per unit as a fraction, so sub-second units divide by an exact
// power of ten: `100us` is then the double nearest 1e-4, which multiplying by
// the inexact 1e-6 is not. Both the micro sign (U+00B5) and the Greek mu
// (U+03BC) are typed for "micro".
const DURATION: Record<string, [perUnit: number, divisor: number]> = {
  ns: [1, 1e9],
  us: [1, 1e6],
  '\u00b5s': [1, 1e6],
  '\u03bcs': [1, 1e6],
  ms: [1, 1e3],
  s: [1, 1],
  sec: [1, 1],
  min: [60, 1],
  h: [3600, 1],
};

const NUMBER = '([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?)';
const PREFIXES = '(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?';
const BODY: Record<UnitKind, string> = {
  size: `${NUMBER}\\s*${PREFIXES}(B|bit|b)`,
  rate: `${NUMBER}\\s*${PREFIXES}(B|bit|b)(/s|ps)`,
  duration: `${NUMBER}\\s*(ns|us|\u00b5s|\u03bcs|ms|sec|s|min|h)`,
};
const RE: Record<UnitKind, RegExp> = {
  size: new RegExp(`^${BODY.size}$`),
  rate: new RegExp(`^${BODY.rate}$`),
  duration: new RegExp(`^${BODY.duration}$`),
};

const EXPECTED: Record<UnitKind, string> = {
  size: 'a size with a unit, like "329MB", "4KiB" or "10Gbit"',
  rate: 'a rate with a unit, like "1Gbit/s", "125MB/s" or "10Gbps"',
  duration: 'a duration with a unit, like "25ms", "1.5s" or "2min"',
};

/** What a value of `kind` looks like, in words, for error messages. */
export function unitExpectation(kind: UnitKind): string {
  return EXPECTED[kind];
}

/**
 * A regular expression (JSON Schema `pattern` syntax) accepting exactly the
 * strings the parser of `kind` accepts, so editors can check units as we do.
 */
export function unitPattern(kind: UnitKind): string {
  return `^\\s*${BODY[kind]}\\s*$`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the bare number ${value} (a unit is required)`;
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : String(value);
}

function refuse(kind: UnitKind, text: unknown): never {
  throw new InputError('', {}, { expected: EXPECTED[kind], found: describe(text) });
}

/** Bits are counted as an eighth of a byte; `B` is a byte. */
function bytesOf(match: RegExpExecArray, kind: UnitKind, text: unknown): number {
  const value = (Number(match[1]) * PREFIX[match[2] ?? '']!) / (match[3] === 'B' ? 1 : 8);
  if (!Number.isFinite(value)) refuse(kind, text);
  return value;
}

function matchOf(kind: UnitKind, text: unknown): RegExpExecArray {
  const match = typeof text === 'string' ? RE[kind].exec(text.trim()) : null;
  return match ?? refuse(kind, text);
}

/** Parses a size such as `329MB`, `4KiB` or `8Gbit` into bytes. */
export function parseSizeBytes(text: unknown): number {
  return bytesOf(matchOf('size', text), 'size', text);
}

/** Parses a rate such as `1Gbit/s`, `125MB/s` or `10Gbps` into bytes per second. */
export function parseRateBytesPerSec(text: unknown): number {
  return bytesOf(matchOf('rate', text), 'rate', text);
}

/** Parses a duration such as `25ms`, `1.5s` or `2min` into seconds. */
export function parseDurationSec(text: unknown): number {
  const match = matchOf('duration', text);
  const [perUnit, divisor] = DURATION[match[2]!]!;
  const value = (Number(match[1]) * perUnit) / divisor;
  if (!Number.isFinite(value)) refuse('duration', text);
  return value;
}

/** Formats bytes for people: `1.50 GB`, `329 MB`, `12.0 kB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  const digits = i === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[i]}`;
}

/** Formats seconds for people: `850 ms`, `12.3 s`, `4.2 min`. */
export function formatSeconds(sec: number): string {
  if (sec < 1) return `${(sec * 1000).toFixed(sec < 0.01 ? 2 : 0)} ms`;
  if (sec < 120) return `${sec.toFixed(sec < 10 ? 2 : 1)} s`;
  return `${(sec / 60).toFixed(1)} min`;
}
