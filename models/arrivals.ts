/**
 * When containers start: all at once, evenly over a ramp, as a Poisson
 * process, or at the times listed in a CSV file (column `start_s`).
 */
import { readFileSync } from 'node:fs';
import type { RandomStream } from '../sim/engine/random.ts';
import { InputError } from '../sim/errors.ts';
import { dirname, resolve } from 'node:path';
import type { ArrivalsConfig, ScenarioConfig } from './scenario/config.ts';

/** Start times in seconds, one per container, in the order containers are numbered. */
export function arrivalTimes(config: ScenarioConfig, rng: RandomStream): number[] {
  const n = config.testbed.workers.count;
  const a = config.arrivals;
  switch (a.pattern) {
    case 'isolated':
    case 'at_once':
      return Array.from({ length: n }, () => (a.pattern === 'at_once' ? a.atSec : 0));
    case 'ramp':
      return Array.from({ length: n }, (_, i) => (n > 1 ? (i * a.overSec) / (n - 1) : 0));
    case 'poisson': {
      let t = 0;
      return Array.from({ length: n }, () => (t += rng.exponential(1 / a.ratePerSec)));
    }
    case 'csv':
      return readStartTimes(a.file);
  }
}

/** Reads the `start_s` column of a CSV file; every row is one container. */
export function readStartTimes(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('cannot read the arrivals file', { file });
  }
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const column = header.indexOf('start_s');
  if (column < 0) {
    throw new InputError('', { file, line: 1 }, { expected: 'a header with a start_s column', found: JSON.stringify(lines[0] ?? '') });
  }
  const times: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cell = line.split(',')[column]?.trim() ?? '';
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value) || value < 0) {
      throw new InputError('', { file, line: i + 1, key: 'start_s' }, { expected: 'a time in seconds >= 0', found: JSON.stringify(cell) });
    }
    times.push(value);
  }
  return times;
}

/** The arrivals section of a validated scenario, with paths resolved against its file. */
export function resolveArrivals(
  raw: (Record<string, unknown> & { pattern: ArrivalsConfig['pattern'] }) | undefined,
  file: string,
): ArrivalsConfig {
  if (!raw) return { pattern: 'isolated' };
  switch (raw.pattern) {
    case 'isolated':
      return { pattern: 'isolated' };
    case 'at_once':
      return { pattern: 'at_once', atSec: (raw.at as number | undefined) ?? 0 };
    case 'ramp':
      return { pattern: 'ramp', overSec: raw.over as number };
    case 'poisson':
      return { pattern: 'poisson', ratePerSec: raw.rate as number };
    case 'csv':
      return { pattern: 'csv', file: resolve(dirname(file), raw.file as string) };
  }
}
