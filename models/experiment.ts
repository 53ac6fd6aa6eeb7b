/**
 * Running a scenario's containers: which container starts where and when,
 * through which driver, and what each phase cost.
 *
 * - `isolated` arrivals measure each (image, driver, cycle) alone on a fresh
 *   testbed, as HelloBench does: one worker without the image pulls and runs
 *   it; in the development cycle another worker that holds it pushes first.
 * - crowd arrivals (`at_once`, `ramp`, `poisson`, `csv`) start one container
 *   per arrival on the workers of one shared testbed, one testbed per driver.
 */
import type { ProcessBody } from '../sim/engine/process.ts';
import { PhaseReport, type StorageDriver } from './drivers/driver.ts';
import { createDriver } from './drivers/create.ts';
import type { Image } from './image.ts';
import type { Cycle, DriverConfig, ScenarioConfig } from './scenario/config.ts';
import { Testbed } from './testbed/testbed.ts';
import type { Worker } from './testbed/worker.ts';
import { RandomStreams } from '../sim/engine/random.ts';
import { crowdArrivals, imageChooser } from './arrivals/index.ts';
import { startSampler, type Sample } from './metrics/sampler.ts';

export interface ContainerRecord {
  container: number;
  worker: string;
  image: string;
  category: string;
  driver: string;
  driverKind: string;
  cycle: Cycle;
  /** 1 for the first run of an image on its worker, 2 for the next... */
  run: number;
  startSec: number;
  pushSec: number;
  pullSec: number;
  runSec: number;
  totalSec: number;
  readySec: number;
  parts: Record<string, number>;
  bytes: Record<string, number>;
}

export interface ExperimentResult {
  records: ContainerRecord[];
  events: number;
  simTimeSec: number;
  /** Per driver: the testbeds' counters worth reporting. */
  counters: Record<string, Record<string, number>>;
  /** Time series of crowd runs (empty for isolated runs). */
  timeseries: Sample[];
}

/** Runs every container of the scenario over `images`. */
/** Called with each testbed once its simulation has ended (tests, invariant checks). */
export type TestbedObserver = (tb: Testbed, driver: StorageDriver, records: readonly ContainerRecord[]) => void;

/** Optional callbacks of a run. */
export interface ExperimentHooks {
  observe?: TestbedObserver;
  /** Called as containers become ready, with how many of how many are. */
  progress?: (ready: number, total: number) => void;
}

interface HookState extends ExperimentHooks {
  ready: number;
  total: number;
}

const hooksOf = new WeakMap<ExperimentResult, HookState>();

/** Counts one more ready container towards the run's progress. */
function oneReady(out: ExperimentResult): void {
  const h = hooksOf.get(out);
  if (!h?.progress) return;
  h.ready++;
  h.progress(h.ready, h.total);
}

export function runExperiment(config: ScenarioConfig, images: readonly Image[], hooks: ExperimentHooks = {}): ExperimentResult {
  const result: ExperimentResult = { records: [], events: 0, simTimeSec: 0, counters: {}, timeseries: [] };
  const perDriver =
    config.arrivals.pattern === 'isolated'
      ? images.length * config.workload.cycles.length * config.workload.repeat
      : hooks.progress
        ? crowdArrivals(config, images.map((image) => image.name)).arrivals.length
        : 0;
  hooksOf.set(result, { ...hooks, ready: 0, total: perDriver * config.drivers.length });
  for (const driverConfig of config.drivers) {
    if (config.arrivals.pattern === 'isolated') runIsolated(config, driverConfig, images, result);
    else runCrowd(config, driverConfig, images, result);
  }
  result.records.forEach((r, i) => (r.container = i));
  return result;
}

function runIsolated(config: ScenarioConfig, driverConfig: DriverConfig, images: readonly Image[], out: ExperimentResult): void {
  for (const image of images) {
    for (const cycle of config.workload.cycles) {
      const tb = new Testbed(config.testbed, `${config.seed}/${driverConfig.name}/${image.name}/${cycle}`, config.limits, driverConfig.caches);
      const driver = createDriver(driverConfig);
      const records: ContainerRecord[] = [];
      const runs = isolatedRuns(tb, driver, image, cycle, config.workload.repeat, records, () => oneReady(out));
      tb.sim.process(runs, `${cycle} of ${image.name}`);
      finish(tb, driver, out, records);
    }
  }
}

function* isolatedRuns(
  tb: Testbed, driver: StorageDriver, image: Image, cycle: Cycle, repeat: number,
  records: ContainerRecord[], onReady: () => void,
): ProcessBody<void> {
  const worker = tb.worker(0);
  for (let run = 1; run <= repeat; run++) {
    const record = newRecord(image, driver, cycle, run, worker.name, tb.sim.now);
    const start = tb.sim.now;
    if (cycle === 'development') {
      const builder = tb.worker(1);
      if (run === 1) driver.seed(tb, builder, image);
      const push = new PhaseReport();
      yield* driver.push(tb, builder, image, push);
      record.pushSec = tb.sim.now - start;
      merge(record, push);
    } else if (run === 1) {
      driver.publish(tb, image);
    }
    yield* phases(tb, driver, image, worker, record);
    record.totalSec = tb.sim.now - start;
    record.readySec = tb.sim.now;
    records.push(record);
    onReady();
  }
}

function runCrowd(config: ScenarioConfig, driverConfig: DriverConfig, images: readonly Image[], out: ExperimentResult): void {
  const tb = new Testbed(config.testbed, `${config.seed}/${driverConfig.name}`, config.limits, driverConfig.caches);
  const driver = createDriver(driverConfig);
  for (const image of images) driver.publish(tb, image);
  const { arrivals: starts, counts } = crowdArrivals(config, images.map((image) => image.name));
  // Seeded by the scenario alone, so every driver sees the same image sequence.
  const imageOf = imageChooser(config, images, new RandomStreams(config.seed).stream('popularity'));
  const workers = config.testbed.workers.count;
  const records: ContainerRecord[] = [];
  let readyCount = 0;
  const onReady = () => {
    readyCount++;
    oneReady(out);
  };
  starts.forEach((arrival, i) => {
    const image = imageOf(arrival, i);
    const worker = tb.worker(i % workers);
    const startSec = arrival.startSec;
    tb.sim.schedule(startSec, () => {
      const record = newRecord(image, driver, 'deployment', 1, worker.name, startSec);
      records.push(record);
      const ready = () => {
        record.totalSec = tb.sim.now - record.startSec;
        record.readySec = tb.sim.now;
        onReady();
      };
      tb.sim.process(phases(tb, driver, image, worker, record, ready), `container ${i}`);
    });
  });
  const tally = (out.counters[driver.name] ??= {});
  for (const [name, n] of Object.entries(counts)) tally[`arrivals_${name}`] = n;
  const allReady = () => readyCount === starts.length;
  startSampler(tb, driver.name, config.outputs.sampleIntervalSec, allReady, out.timeseries);
  finish(tb, driver, out, records);
}

/**
 * Pull, then run, into `record`; calls `ready` when the container is ready.
 * A crowd's container process is this body itself, without a wrapper: every
 * generator level is passed through again at each wake-up of the container.
 */
function* phases(
  tb: Testbed, driver: StorageDriver, image: Image, worker: Worker, record: ContainerRecord, ready?: () => void,
): ProcessBody<void> {
  const pull = new PhaseReport();
  const pullStart = tb.sim.now;
  yield* driver.pull(tb, worker, image, pull);
  record.pullSec = tb.sim.now - pullStart;
  merge(record, pull);
  const run = new PhaseReport();
  const runStart = tb.sim.now;
  yield* driver.run(tb, worker, image, run);
  record.runSec = tb.sim.now - runStart;
  merge(record, run);
  ready?.();
}

function finish(tb: Testbed, driver: StorageDriver, out: ExperimentResult, records: ContainerRecord[]): void {
  const stats = tb.sim.run();
  tb.sim.assertAllFinished();
  hooksOf.get(out)?.observe?.(tb, driver, records);
  out.events += stats.events;
  out.simTimeSec = Math.max(out.simTimeSec, stats.simTimeSec);
  records.sort((a, b) => a.startSec - b.startSec || a.image.localeCompare(b.image));
  out.records.push(...records);
  const c = (out.counters[driver.name] ??= {});
  c.registry_requests = (c.registry_requests ?? 0) + tb.registry.requests;
  c.registry_bytes_served = (c.registry_bytes_served ?? 0) + tb.registry.bytesServed;
  const replicas = tb.registry.replicas;
  if (replicas.length > 1) {
    replicas.forEach((r, k) => {
      const key = `registry_replica_${k}_bytes_served`;
      c[key] = (c[key] ?? 0) + r.bytesServed;
    });
  }
  c.storage_requests = (c.storage_requests ?? 0) + tb.storageServer.requests;
  c.storage_bytes_served = (c.storage_bytes_served ?? 0) + tb.storageServer.bytesServed;
  const tally = (name: string, stats: { hits: number; misses: number } | undefined) => {
    if (!stats) return;
    c[`${name}_hits`] = (c[`${name}_hits`] ?? 0) + stats.hits;
    c[`${name}_misses`] = (c[`${name}_misses`] ?? 0) + stats.misses;
  };
  for (const r of replicas) tally('registry_cache', r.cache?.stats);
  tally('storage_server_cache', tb.storageServer.cache?.stats);
  for (let i = 0; i < tb.workerCount; i++) {
    tally('worker_block_cache', tb.worker(i).blockCache?.stats);
    tally('worker_layer_store', tb.worker(i).layerStore?.stats);
  }
}

function newRecord(image: Image, driver: StorageDriver, cycle: Cycle, run: number, worker: string, startSec: number): ContainerRecord {
  return {
    container: 0, worker, image: image.name, category: image.category, driver: driver.name,
    driverKind: driver.kind, cycle, run, startSec, pushSec: 0, pullSec: 0, runSec: 0, totalSec: 0,
    readySec: 0, parts: {}, bytes: {},
  };
}

function merge(record: ContainerRecord, report: PhaseReport): void {
  for (const [k, v] of Object.entries(report.parts)) record.parts[k] = (record.parts[k] ?? 0) + v;
  for (const [k, v] of Object.entries(report.bytes)) record.bytes[k] = (record.bytes[k] ?? 0) + v;
}
