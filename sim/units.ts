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

const DURATION: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  min: 60,
  h: 3600,
};

const NUMBER = '([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?)';
const SIZE_RE = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?(B|bit|b)$`);
const RATE_RE = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?(B|bit|b)(/s|ps)$`);
const DURATION_RE = new RegExp(`^${NUMBER}\\s*(ns|us|µs|ms|sec|s|min|h)$`);

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the bare number ${value} (a unit is required)`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : String(value);
}

function check(value: number, text: unknown, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError('', {}, { expected: what, found: describe(text) });
  }
  return value;
}

/** Parses a size such as `329MB`, `4KiB` or `8Gbit` into bytes. */
export function parseSizeBytes(text: unknown): number {
  const what = 'a size with a unit, like "329MB", "4KiB" or "10Gbit"';
  const m = typeof text === 'string' ? SIZE_RE.exec(text.trim()) : null;
  if (!m) throw new InputError('', {}, { expected: what, found: describe(text) });
  const bits = m[3] !== 'B';
  return check((Number(m[1]) * PREFIX[m[2] ?? '']!) / (bits ? 8 : 1), text, what);
}

/** Parses a rate such as `1Gbit/s`, `125MB/s` or `10Gbps` into bytes per second. */
export function parseRateBytesPerSec(text: unknown): number {
  const what = 'a rate with a unit, like "1Gbit/s", "125MB/s" or "10Gbps"';
  const m = typeof text === 'string' ? RATE_RE.exec(text.trim()) : null;
  if (!m) throw new InputError('', {}, { expected: what, found: describe(text) });
  const bits = m[3] !== 'B';
  return check((Number(m[1]) * PREFIX[m[2] ?? '']!) / (bits ? 8 : 1), text, what);
}

/** Parses a duration such as `25ms`, `1.5s` or `2min` into seconds. */
export function parseDurationSec(text: unknown): number {
  const what = 'a duration with a unit, like "25ms", "1.5s" or "2min"';
  const m = typeof text === 'string' ? DURATION_RE.exec(text.trim()) : null;
  if (!m) throw new InputError('', {}, { expected: what, found: describe(text) });
  return check(Number(m[1]) * DURATION[m[2]!]!, text, what);
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
