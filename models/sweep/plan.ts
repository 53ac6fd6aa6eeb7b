/**
 * From a scenario file and command-line flags to a sweep ready to run:
 *
 * 1. read the scenario once and validate it with the base overrides;
 * 2. read its `sweep:` section and add the `--grid` axes;
 * 3. enumerate the points, each with its seed;
 * 4. hash the whole, for the results folder's manifest;
 * 5. name the worker function and a check for each point.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../../sim/errors.ts';
import { SourceDocument } from '../../sim/scenario/document.ts';
import { enumeratePoints } from '../../sim/sweep/enumerate.ts';
import { parseGridArg } from '../../sim/sweep/grid-arg.ts';
import { sweepHash } from '../../sim/sweep/hash.ts';
import type { SweepPoint } from '../../sim/sweep/point.ts';
import type { RunnerRef } from '../../sim/sweep/pool.ts';
import {
  parameterNames,
  parseSweepSection,
  withGridAxes,
  type SeedMode,
  type SweepSpec,
} from '../../sim/sweep/spec.ts';
import type { SweepManifest } from '../../sim/sweep/store.ts';
import type { ScenarioConfig } from '../scenario/config.ts';
import { parseScenario } from '../scenario/load.ts';
import type { PointContext } from './run-point.ts';

export interface SweepPlanOptions {
  /** `--set` overrides for every point. */
  sets?: string[];
  /** `--seed`: the base seed instead of the scenario's. */
  seed?: number;
  /** `--grid key.path=v1,v2` flags. */
  grid?: string[];
  /** `--seeds`: overrides the section's `seeds`. */
  seeds?: SeedMode;
}

export interface SweepPlan {
  config: ScenarioConfig;
  spec: SweepSpec;
  points: SweepPoint[];
  manifest: SweepManifest;
  runner: RunnerRef;
  /** Validates a point's scenario without running it; throws InputError. */
  check: (point: SweepPoint) => void;
}

/** Plans the sweep of `file`; see the steps above. */
export function planSweep(file: string, options: SweepPlanOptions = {}): SweepPlan {
  // 1. The scenario, read once: every point sees the same text.
  const text = readText(file);
  const sets = options.sets ?? [];
  const config = parseScenario(file, text, { sets, seed: options.seed });

  // 2. What varies.
  const source = SourceDocument.parse(file, text);
  const raw = (source.toJS() as { sweep?: unknown }).sweep;
  const fileSpec = parseSweepSection(raw, (path) => source.locate(path));
  const extra = (options.grid ?? []).map(parseGridArg);
  const flagged = new Set<string>();
  for (const axis of extra) {
    if (flagged.has(axis.path)) {
      throw new InputError('', { key: `--grid ${axis.path}` }, {
        expected: 'each key in one --grid, with all its values',
        found: 'the key in two --grid flags',
      });
    }
    flagged.add(axis.path);
  }
  // The file's own grid axes that no --grid replaces: their values have lines.
  const fileAxes = new Map(fileSpec.grid.filter((a) => !flagged.has(a.path)).map((a) => [a.path, a]));
  let spec = withGridAxes(fileSpec, extra);
  if (options.seeds) spec = { ...spec, seeds: options.seeds };

  // 3. The points.
  const points = enumeratePoints(spec, config.seed, (path) => source.locate(path));

  // 4. Identity. Every point draws the synthetic catalogue from the base
  // seed (unless a point sets its own): per-point seeds vary the run's
  // randomness, not the images being compared.
  const baseSeed = config.seed;
  const pointBase = [`workload.catalogue_seed=${config.workload.catalogueSeed}`, ...sets];
  const hash = sweepHash({ scenarioText: text, baseSets: pointBase, baseSeed, points });
  const manifest: SweepManifest = {
    format: 1,
    hash,
    scenario: config.name,
    parameters: parameterNames(spec),
    points: points.length,
    base_seed: config.seed,
    seeds: spec.seeds,
  };

  // 5. How to run and check a point.
  const context: PointContext = { file, text, sets: pointBase };
  const runner: RunnerRef = {
    moduleUrl: new URL('./run-point.ts', import.meta.url).href,
    exportName: 'runSweepPoint',
    context,
  };
  const check = (point: SweepPoint) => {
    try {
      parseScenario(file, text, { sets: [...pointBase, ...point.sets], seed: point.seed });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const which = `sweep point ${point.id} (${point.sets.join(' ')})`;
      // A bad value written in the file's own grid is shown at its line there.
      const key = error.where.key;
      const axis = key === undefined ? undefined : fileAxes.get(key);
      const index = axis ? axis.values.findIndex((v) => isDeepStrictEqual(v, point.params[axis.path])) : -1;
      const at = axis && index >= 0 ? source.locate(['sweep', 'grid', axis.path, index]) : undefined;
      if (at?.line !== undefined) {
        throw new InputError(
          error.problem ? `${which}: ${error.problem}` : which,
          { ...at, key: `sweep.grid.${key}[${index}]` },
          { expected: error.expected, found: error.found },
        );
      }
      throw new InputError(`${which}: ${error.message}`);
    }
  };
  return { config, spec, points, manifest, runner, check };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code);
    throw new InputError(`cannot read the scenario (${why})`, { file });
  }
}
