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
import { parse as parseYamlValue } from 'yaml';
import { InputError } from '../../sim/errors.ts';
import { parsePath, SourceDocument } from '../../sim/scenario/document.ts';
import { convertUnits, validate, type SchemaNode } from '../../sim/scenario/validate.ts';
import { aufsDefaults, slackerDefaults } from '../drivers/defaults.ts';
import { fast16 } from '../testbed/fast16.ts';
import { resolveArrivals } from '../arrivals/index.ts';
import type { ArrivalsConfig, DriverConfig, ScenarioConfig, TestbedConfig } from './config.ts';
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
  for (const assignment of options.sets ?? []) applySet(source, assignment);
  const raw = source.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('', { ...source.locate([]), key: '(top level)' }, {
      expected: 'a mapping with name, drivers, ...',
      found: raw === null || raw === undefined ? 'an empty document' : Array.isArray(raw) ? 'a list' : JSON.stringify(raw),
    });
  }
  validate(source, raw, ScenarioSchema);
  const data = convertUnits(raw, ScenarioSchema as unknown as SchemaNode) as Raw;
  const names = new Set<string>();
  data.drivers.forEach((d, i) => {
    if (names.has(d.name)) {
      throw new InputError('duplicate driver name', { ...source.locate(['drivers', i, 'name']), key: `drivers[${i}].name` }, {
        expected: 'a name no other driver has',
        found: JSON.stringify(d.name),
      });
    }
    names.add(d.name);
  });
  return {
    name: data.name,
    description: data.description ?? '',
    file: source.file,
    seed: options.seed ?? data.seed ?? 1,
    testbed: resolveTestbed(data.testbed ?? {}),
    drivers: data.drivers.map(resolveDriver),
    workload: {
      catalogue: data.workload?.catalogue ?? 'hellobench',
      images: data.workload?.images ?? 'all',
      traces: (data.workload?.traces ?? []).map((t) => resolve(dirname(source.file), t)),
      cycles: data.workload?.cycles ?? ['deployment'],
      repeat: data.workload?.repeat ?? 1,
    },
    arrivals: resolveArrivals(data.arrivals, source.file),
    outputs: { charts: data.outputs?.charts ?? true },
    limits: { maxEvents: data.limits?.events, maxSimTimeSec: data.limits?.simulated_time },
  };
}

function applySet(source: SourceDocument, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) {
    throw new InputError('', { key: '--set' }, { expected: 'key.path=value', found: JSON.stringify(assignment) });
  }
  const path = parsePath(assignment.slice(0, eq));
  let value: unknown;
  try {
    value = parseYamlValue(assignment.slice(eq + 1));
  } catch {
    throw new InputError('', { key: `--set ${assignment.slice(0, eq)}` }, {
      expected: 'a YAML value',
      found: JSON.stringify(assignment.slice(eq + 1)),
    });
  }
  source.set(path, value);
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
    images?: 'all' | string[];
    traces?: string[];
    cycles?: ('deployment' | 'development')[];
    repeat?: number;
  };
  arrivals?: Record<string, unknown> & { pattern: ArrivalsConfig['pattern'] };
  outputs?: { charts?: boolean };
  limits?: { events?: number; simulated_time?: Num };
}

interface RawTestbed {
  workers?: Record<string, unknown> & { disk?: Record<string, Num> };
  network?: Record<string, Num>;
  registry?: Record<string, Num>;
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

function resolveDriver(raw: Raw['drivers'][number]): DriverConfig {
  const common = {
    name: raw.name,
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

function withDefaults<T extends object>(defaults: T, given: Record<string, unknown>): T & { name: string } {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  return out as T & { name: string };
}

