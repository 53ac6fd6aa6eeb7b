/**
 * Scenario loading: YAML file -> validated, unit-converted, defaulted config.
 *
 * 1. parse the YAML, keeping positions;
 * 2. apply `--set key.path=value` overrides;
 * 3. validate against the one schema (unknown keys are errors);
 * 4. convert unit strings to SI numbers;
 * 5. fill in the testbed preset and driver defaults.
 */
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../../sim/errors.ts';
import { hellobenchEntries } from '../catalogue/hellobench.ts';
import {
  formatPath,
  parsePath,
  SourceDocument,
  type Path,
} from '../../sim/scenario/document.ts';
import {
  convertUnits,
  problemError,
  validate,
  type SchemaNode,
} from '../../sim/scenario/validate.ts';
import { aufsDefaults, slackerDefaults } from '../drivers/defaults.ts';
import { fast16 } from '../testbed/fast16.ts';
import { registryDefaults } from '../registry.ts';
import { resolveArrivals } from '../arrivals/index.ts';
import type {
  ArrivalsConfig, CachesConfig, DriverConfig, PolicyName, ReplicaSelection, ScenarioConfig,
  TestbedConfig,
} from './config.ts';
import { ScenarioSchema } from './schema.ts';

export interface LoadOptions {
  /** `key.path=value` overrides, applied before validation. */
  sets?: string[];
  seed?: number;
}

/** Loads and validates a scenario file. Throws `InputError` on any problem. */
export function loadScenario(file: string, options: LoadOptions = {}): ScenarioConfig {
  const source = SourceDocument.read(file);
  return scenarioFromSource(source, options);
}

/** Loads a scenario from YAML text (the file name is only used in messages). */
export function parseScenario(file: string, text: string, options: LoadOptions = {}): ScenarioConfig {
  return scenarioFromSource(SourceDocument.parse(file, text), options);
}

function scenarioFromSource(source: SourceDocument, options: LoadOptions): ScenarioConfig {
  // 1-2. Parsed by the caller; apply the overrides.
  for (const assignment of options.sets ?? []) applySet(source, assignment);
  const raw = source.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const empty = raw === null || raw === undefined;
    const found = empty ? 'an empty file' : Array.isArray(raw) ? 'a list' : JSON.stringify(raw);
    throw new InputError('', source.locate([]), {
      expected: 'a scenario: a mapping with at least name and drivers',
      found,
    });
  }

  // 3-4. Validate, then convert units.
  validate(source, raw, ScenarioSchema);
  const data = convertUnits(raw, ScenarioSchema as unknown as SchemaNode) as Raw;
  checkMeaning(source, data);

  // 5. Fill in defaults.
  const seed = options.seed ?? data.seed ?? 1;
  return {
    name: data.name,
    description: data.description ?? '',
    file: source.file,
    seed,
    testbed: resolveTestbed(data.testbed ?? {}),
    drivers: data.drivers.map((d) => resolveDriver(d, data.caches)),
    workload: {
      catalogue: data.workload?.catalogue ?? 'hellobench',
      catalogueSeed: data.workload?.catalogue_seed ?? seed,
      images: data.workload?.images ?? 'all',
      traces: (data.workload?.traces ?? []).map((t) => resolve(dirname(source.file), t)),
      cycles: data.workload?.cycles ?? ['deployment'],
      repeat: data.workload?.repeat ?? 1,
      zipf: data.workload?.popularity?.zipf ?? null,
    },
    arrivals: resolveArrivals(data.arrivals, source.file),
    outputs: { charts: data.outputs?.charts ?? true, sampleIntervalSec: data.outputs?.sample_interval ?? 1 },
    limits: { maxEvents: data.limits?.events, maxSimTimeSec: data.limits?.simulated_time },
  };
}

/**
 * Rules the schema cannot state: driver names are unique (results are keyed
 * by them), images exist in the catalogue, and sizes that divide something
 * (a block, a read, a window) are above zero.
 */
function checkMeaning(source: SourceDocument, data: Raw): void {
  const fail = (path: Path, expected: string, found: string) =>
    problemError(source, { path, expected, found });

  const firstWithName = new Map<string, number>();
  data.drivers.forEach((d, i) => {
    const first = firstWithName.get(d.name);
    const name = JSON.stringify(d.name);
    if (first !== undefined) {
      throw fail(['drivers', i, 'name'], `a name no other driver has (drivers[${first}] is ${name})`, name);
    }
    firstWithName.set(d.name, i);
  });

  const images = data.workload?.images;
  if (Array.isArray(images)) {
    const known = new Set(hellobenchEntries().map((e) => e.name));
    const expected = `one of the ${known.size} HelloBench images (e.g. redis, python, debian)`;
    images.forEach((name, i) => {
      if (!known.has(name)) throw fail(['workload', 'images', i], expected, JSON.stringify(name));
    });
  }

  const positive: [Path, unknown][] = [
    [['testbed', 'network', 'tcp_window'], data.testbed?.network?.tcp_window],
    ...data.drivers.flatMap((d, i): [Path, unknown][] => [
      [['drivers', i, 'block_size'], d.block_size],
      [['drivers', i, 'nfs_read_size'], d.nfs_read_size],
    ]),
  ];
  for (const [path, value] of positive) {
    if (value !== 0) continue;
    throw fail(path, 'a size above zero, like "4KiB"', JSON.stringify(valueAt(source, path)));
  }
}

function valueAt(source: SourceDocument, path: Path): unknown {
  let node = source.toJS();
  for (const part of path) node = (node as Record<string | number, unknown> | undefined)?.[part];
  return node;
}

function applySet(source: SourceDocument, assignment: string): void {
  const eq = assignment.indexOf('=');
  const where = { file: `${source.file} (--set ${assignment})` };
  if (eq <= 0) {
    const found = JSON.stringify(assignment);
    throw new InputError('', where, { expected: 'key.path=value', found });
  }
  let path: (string | number)[];
  try {
    path = parsePath(assignment.slice(0, eq));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError('', where, { expected: error.expected, found: error.found });
  }
  const value = setValue(assignment.slice(eq + 1));
  if (value === invalid) {
    throw new InputError('', { ...where, key: formatPath(path) }, {
      expected: 'a YAML value, like 8, 10Gbit/s or [redis, python]',
      found: JSON.stringify(assignment.slice(eq + 1)),
    });
  }
  source.set(path, value, assignment);
}

const invalid = Symbol('invalid');

/** The value of a `--set`, read as YAML; anything the file would refuse is refused. */
function setValue(text: string): unknown {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, logLevel: 'silent' });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return invalid;
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return invalid;
  }
}

type Num = number;
interface Raw {
  name: string;
  description?: string;
  seed?: number;
  testbed?: RawTestbed;
  drivers: (Record<string, unknown> & { kind: 'aufs' | 'slacker'; name: string })[];
  workload?: {
    catalogue?: 'hellobench';
    catalogue_seed?: number;
    images?: 'all' | string[];
    traces?: string[];
    cycles?: ('deployment' | 'development')[];
    repeat?: number;
    popularity?: { zipf: number };
  };
  arrivals?: Record<string, unknown> & { pattern: ArrivalsConfig['pattern'] };
  outputs?: { charts?: boolean; sample_interval?: number };
  caches?: RawCaches;
  limits?: { events?: number; simulated_time?: Num };
}

interface RawTestbed {
  workers?: Record<string, unknown> & { disk?: Record<string, Num> };
  network?: Record<string, Num>;
  registry?: Record<string, Num> & { selection?: ReplicaSelection };
  storage_server?: Record<string, Num>;
}

function pick<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

function resolveTestbed(raw: RawTestbed): TestbedConfig {
  const base = fast16;
  const w = raw.workers ?? {};
  const d = w.disk ?? {};
  const n = raw.network ?? {};
  const r = raw.registry ?? {};
  const s = raw.storage_server ?? {};
  return {
    preset: base.preset,
    workers: {
      count: pick(w.count as Num, base.workers.count),
      cores: pick(w.cores as Num, base.workers.cores),
      memoryBytes: pick(w.memory as Num, base.workers.memoryBytes),
      nicBytesPerSec: pick(w.nic as Num, base.workers.nicBytesPerSec),
      disk: {
        readBytesPerSec: pick(d.read, base.workers.disk.readBytesPerSec),
        writeBytesPerSec: pick(d.write, base.workers.disk.writeBytesPerSec),
        iops: pick(d.iops, base.workers.disk.iops),
        concurrencyFalloff: pick(d.concurrency_falloff, base.workers.disk.concurrencyFalloff),
      },
      gunzipBytesPerSec: pick(w.gunzip_rate as Num, base.workers.gunzipBytesPerSec),
      gzipBytesPerSec: pick(w.gzip_rate as Num, base.workers.gzipBytesPerSec),
      fileCreateSec: pick(w.file_create_cost as Num, base.workers.fileCreateSec),
      memoryBytesPerSec: pick(w.memory_bandwidth as Num, base.workers.memoryBytesPerSec),
      racks: pick(w.racks as Num, base.workers.racks),
    },
    network: {
      latencySec: pick(n.latency, base.network.latencySec),
      tcpWindowBytes: pick(n.tcp_window, base.network.tcpWindowBytes),
      rackUplinkBytesPerSec: pick(n.rack_uplink, base.network.rackUplinkBytesPerSec),
    },
    registry: {
      nicBytesPerSec: pick(r.nic, base.registry.nicBytesPerSec),
      storageBytesPerSec: pick(r.storage, base.registry.storageBytesPerSec),
      requestOverheadSec: pick(r.request_overhead, base.registry.requestOverheadSec),
      maxConcurrentRequests: pick(r.max_concurrent_requests, base.registry.maxConcurrentRequests),
      replicas: pick(r.replicas, base.registry.replicas ?? registryDefaults.replicas),
      selection: pick(r.selection, base.registry.selection ?? registryDefaults.selection),
    },
    storageServer: {
      nicBytesPerSec: pick(s.nic, base.storageServer.nicBytesPerSec),
      flashBytesPerSec: pick(s.flash, base.storageServer.flashBytesPerSec),
      flashLatencySec: pick(s.flash_latency, base.storageServer.flashLatencySec),
      diskBytesPerSec: pick(s.disk, base.storageServer.diskBytesPerSec),
      diskLatencySec: pick(s.disk_latency, base.storageServer.diskLatencySec),
      flashHitRatio: pick(s.flash_hit_ratio, base.storageServer.flashHitRatio),
      maxConcurrentRequests: pick(s.max_concurrent_requests, base.storageServer.maxConcurrentRequests),
      snapshotLatencySec: pick(s.snapshot_latency, base.storageServer.snapshotLatencySec),
      cloneLatencySec: pick(s.clone_latency, base.storageServer.cloneLatencySec),
    },
  };
}

type RawTier = { policy?: PolicyName; capacity: number };
interface RawCaches {
  layer_store?: { capacity: number; high_threshold?: number; low_threshold?: number };
  block_cache?: RawTier;
  storage_server?: RawTier;
  registry?: RawTier;
}

/** The scenario's caches, overridden tier by tier by the driver's own. */
function resolveCaches(top: RawCaches = {}, own: RawCaches = {}): CachesConfig {
  const tier = (t: RawTier | undefined) => (t ? { policy: t.policy ?? 'lru', capacityBytes: t.capacity } : undefined);
  const layers = own.layer_store ?? top.layer_store;
  const out: CachesConfig = {};
  if (layers) {
    out.layerStore = {
      capacityBytes: layers.capacity,
      highPercent: layers.high_threshold ?? 85,
      lowPercent: layers.low_threshold ?? 80,
    };
  }
  const block = tier(own.block_cache ?? top.block_cache);
  const server = tier(own.storage_server ?? top.storage_server);
  const registry = tier(own.registry ?? top.registry);
  if (block) out.blockCache = block;
  if (server) out.storageServer = server;
  if (registry) out.registry = registry;
  return out;
}

function resolveDriver(raw: Raw['drivers'][number], caches: RawCaches | undefined): DriverConfig {
  const common = {
    name: raw.name,
    caches: resolveCaches(caches, raw.caches as RawCaches | undefined),
    maxConcurrentDownloads: raw.max_concurrent_downloads as Num | undefined,
    maxConcurrentUploads: raw.max_concurrent_uploads as Num | undefined,
    createOverheadSec: raw.create_overhead as Num | undefined,
    startOverheadSec: raw.start_overhead as Num | undefined,
    stopOverheadSec: raw.stop_overhead as Num | undefined,
    layerRegisterSec: raw.layer_register_overhead as Num | undefined,
  };
  if (raw.kind === 'aufs') {
    return withDefaults(aufsDefaults, {
      ...common,
      mountCostPerLayerSec: raw.mount_cost_per_layer as Num | undefined,
      lookupCostPerLayerSec: raw.lookup_cost_per_layer as Num | undefined,
      copyupBytesPerSec: raw.copyup_rate as Num | undefined,
    });
  }
  return withDefaults(slackerDefaults, {
    ...common,
    blockSizeBytes: raw.block_size as Num | undefined,
    nfsReadSizeBytes: raw.nfs_read_size as Num | undefined,
    nfsInFlight: raw.nfs_in_flight as Num | undefined,
    mountOverheadSec: raw.mount_overhead as Num | undefined,
    cacheSharing: raw.cache_sharing as boolean | undefined,
  });
}

function withDefaults<T extends object>(defaults: T, given: Record<string, unknown>): T & { name: string; caches: CachesConfig } {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  return out as T & { name: string; caches: CachesConfig };
}

