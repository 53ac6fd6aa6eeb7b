/**
 * One scenario run, start to end:
 * 1. load and validate the scenario;
 * 2. build the images (synthetic catalogue, replaced by traces where given);
 * 3. run the containers on the simulated testbed;
 * 4. summarise into tables and headline figures.
 * Writing files and drawing charts is the caller's business.
 */
import { hellobenchCatalogue, hellobenchEntries } from './catalogue/hellobench.ts';
import { runExperiment, type ContainerRecord, type ExperimentHooks } from './experiment.ts';
import type { Image } from './image.ts';
import type { Sample } from './metrics/sampler.ts';
import { imageFromTrace, withTraces } from './trace-images.ts';
import type { ScenarioConfig } from './scenario/config.ts';
import { loadScenario, type LoadOptions } from './scenario/load.ts';
import { summarize, type Summary } from './summary.ts';
import { InputError } from '../sim/errors.ts';

export interface RunResult {
  config: ScenarioConfig;
  images: Image[];
  records: ContainerRecord[];
  timeseries: Sample[];
  summary: Summary;
  events: number;
  simTimeSec: number;
  wallSec: number;
}

/** Loads `file` and runs it. */
export function runScenarioFile(file: string, options: LoadOptions = {}): RunResult {
  return runScenario(loadScenario(file, options));
}

/** Runs an already loaded scenario. */
export function runScenario(config: ScenarioConfig, hooks: ExperimentHooks = {}): RunResult {
  const started = performance.now();
  checkConsistency(config);
  const images = buildImages(config);
  const experiment = runExperiment(config, images, hooks);
  return {
    config,
    images,
    records: experiment.records,
    timeseries: experiment.timeseries,
    summary: { ...summarize(experiment.records, images), counters: withHitRatios(experiment.counters) },
    events: experiment.events,
    simTimeSec: experiment.simTimeSec,
    wallSec: (performance.now() - started) / 1000,
  };
}

/**
 * The workload's images: the named catalogue images, each replaced by its
 * trace where the workload lists one (traced images not named are added).
 */
export function buildImages(config: ScenarioConfig): Image[] {
  const traced = config.workload.traces.map(imageFromTrace);
  const synthetic = catalogueImages(config, new Set(traced.map((t) => t.name)));
  return withTraces(synthetic, traced);
}

function catalogueImages(config: ScenarioConfig, traced: Set<string>): Image[] {
  const known = new Set(hellobenchEntries().map((e) => e.name));
  const names = config.workload.images === 'all' ? undefined : config.workload.images;
  for (const [i, name] of (names ?? []).entries()) {
    if (!known.has(name) && !traced.has(name)) {
      throw new InputError('unknown image', { file: config.file, key: `workload.images[${i}]` }, {
        expected: 'one of the 57 HelloBench images (e.g. redis, python, debian)',
        found: JSON.stringify(name),
      });
    }
  }
  return hellobenchCatalogue(config.workload.catalogueSeed, names?.filter((n) => known.has(n)));
}

function checkConsistency(config: ScenarioConfig): void {
  if (config.arrivals.pattern !== 'isolated' && config.workload.cycles.includes('development')) {
    throw new InputError('', { file: config.file, key: 'workload.cycles' }, {
      expected: 'only deployment when arrivals.pattern is not "isolated" (a crowd pulls an image pushed once)',
      found: '"development"',
    });
  }
}

/** Adds `<tier>_hit_ratio` next to each pair of `<tier>_hits` / `<tier>_misses` counters. */
function withHitRatios(counters: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [driver, c] of Object.entries(counters)) {
    const copy = { ...c };
    for (const key of Object.keys(c)) {
      if (!key.endsWith('_hits')) continue;
      const tier = key.slice(0, -'_hits'.length);
      const total = c[key]! + (c[`${tier}_misses`] ?? 0);
      if (total > 0) copy[`${tier}_hit_ratio`] = c[key]! / total;
    }
    out[driver] = copy;
  }
  return out;
}
