/**
 * When containers start, and which image each one runs.
 *
 * Synthetic patterns (`at_once`, `ramp`, `poisson`) give one start per
 * worker. Importers read a file: `csv` (a list of start times), and the two
 * public traces `azure-functions-2019` (per-minute invocation counts) and
 * `ibm-registry` (registry request records). Every pattern returns its
 * starts sorted by time; an importer may also name each start's image.
 */
import { RandomStreams, type RandomStream } from '../../sim/engine/random.ts';
import type { ScenarioConfig } from '../scenario/config.ts';
import type { Arrival, ArrivalList } from './arrival.ts';
import { readAzureFunctions } from './azure-functions.ts';
import { readIbmRegistry } from './ibm-registry.ts';
import { readStartList } from './start-list.ts';
import { atOnce, poisson, ramp } from './synthetic.ts';
import { fileSource } from './text-source.ts';

export type { Arrival, ArrivalList } from './arrival.ts';
export { DEFAULT_MAX_STARTS, resolveArrivals } from './resolve.ts';

/**
 * The scenario's container starts, in ascending start time. `imageNames` are
 * the workload's images, which imported starts are mapped onto; `rng` feeds
 * the random patterns. Throws `InputError` for unreadable or invalid traces.
 */
export function arrivalsOf(
  config: ScenarioConfig,
  imageNames: readonly string[],
  rng: RandomStream,
): ArrivalList {
  const n = config.testbed.workers.count;
  const a = config.arrivals;
  const made = (arrivals: Arrival[]): ArrivalList => ({ arrivals, counts: {} });
  switch (a.pattern) {
    case 'isolated':
      return made([]);
    case 'at_once':
      return made(atOnce(a.count ?? n, a.atSec));
    case 'ramp':
      return made(ramp(a.count ?? n, a.overSec));
    case 'poisson':
      return made(poisson(a.count ?? n, a.ratePerSec, rng));
    case 'csv':
      return readStartList(fileSource(a.file), imageNames);
    case 'azure-functions-2019':
      return readAzureFunctions(fileSource(a.file), a, imageNames, rng);
    case 'ibm-registry':
      return readIbmRegistry(fileSource(a.file), a, imageNames);
  }
}

const perScenario = new WeakMap<ScenarioConfig, { key: string; list: ArrivalList }>();

/**
 * The starts of a crowd run: `arrivalsOf` with the stream `arrivals` of the
 * scenario seed, so every driver of a scenario replays the very same starts.
 * Kept per scenario, so a trace file is read once however many drivers run it.
 */
export function crowdArrivals(
  config: ScenarioConfig,
  imageNames: readonly string[],
): ArrivalList {
  const workers = config.testbed.workers.count;
  const key = JSON.stringify([config.seed, config.arrivals, imageNames, workers]);
  const cached = perScenario.get(config);
  if (cached?.key === key) return cached.list;
  const rng = new RandomStreams(config.seed).stream('arrivals');
  const list = arrivalsOf(config, imageNames, rng);
  perScenario.set(config, { key, list });
  return list;
}
export { imageChooser } from './assign.ts';
