/**
 * The arrivals section of a validated, unit-converted scenario turned into
 * its config: defaults filled in and trace paths resolved against the
 * scenario's folder. Trace files are not opened here; they are read when the
 * crowd runs.
 */
import { dirname, resolve } from 'node:path';
import { InputError } from '../../sim/errors.ts';
import type { ArrivalsConfig } from '../scenario/config.ts';

/** Starts an imported trace may give unless `max_starts` says otherwise. */
export const DEFAULT_MAX_STARTS = 1_000_000;

type RawArrivals = Record<string, unknown> & { pattern: ArrivalsConfig['pattern'] };

/** The arrivals section of a validated scenario, with paths resolved against its file. */
export function resolveArrivals(
  raw: RawArrivals | undefined,
  file: string,
): ArrivalsConfig {
  if (!raw) return { pattern: 'isolated' };
  const tracePath = () => resolve(dirname(file), raw.file as string);
  const maxStarts = (raw.max_starts as number | undefined) ?? DEFAULT_MAX_STARTS;
  switch (raw.pattern) {
    case 'isolated':
      return { pattern: 'isolated' };
    case 'at_once':
      return { pattern: 'at_once', atSec: (raw.at as number | undefined) ?? 0, count: raw.count as number | undefined };
    case 'ramp':
      return { pattern: 'ramp', overSec: raw.over as number, count: raw.count as number | undefined };
    case 'poisson':
      return { pattern: 'poisson', ratePerSec: raw.rate as number, count: raw.count as number | undefined };
    case 'csv':
      return { pattern: 'csv', file: tracePath() };
    case 'azure-functions-2019':
      return {
        pattern: 'azure-functions-2019',
        file: tracePath(),
        minutes: orderedPair(raw.minutes, file, 'arrivals.minutes'),
        functions: raw.functions as number | undefined,
        triggers: raw.triggers as string[] | undefined,
        scale: (raw.scale as number | undefined) ?? 1,
        spread: (raw.spread as 'uniform' | 'even' | undefined) ?? 'uniform',
        maxStarts,
      };
    case 'ibm-registry':
      return {
        pattern: 'ibm-registry',
        file: tracePath(),
        windowSec: orderedPair(raw.window, file, 'arrivals.window'),
        maxStarts,
      };
  }
}

function orderedPair(
  value: unknown,
  file: string,
  key: string,
): [number, number] | undefined {
  if (value === undefined) return undefined;
  const [from, to] = value as [number, number];
  if (!(from <= to)) {
    throw new InputError(
      '',
      { file, key },
      {
        expected: '[from, to] with from <= to',
        found: `[${from}, ${to}]`,
      },
    );
  }
  return [from, to];
}
