/**
 * The resolved scenario: every value present, in SI units (bytes, bytes per
 * second, seconds). Models read this, never YAML.
 */

export interface DiskConfig {
  readBytesPerSec: number;
  writeBytesPerSec: number;
  iops: number;
  concurrencyFalloff: number;
}

export interface WorkersConfig {
  count: number;
  cores: number;
  memoryBytes: number;
  nicBytesPerSec: number;
  disk: DiskConfig;
  gunzipBytesPerSec: number;
  gzipBytesPerSec: number;
  fileCreateSec: number;
  memoryBytesPerSec: number;
  racks: number;
}

export interface NetworkConfig {
  latencySec: number;
  tcpWindowBytes: number;
  rackUplinkBytesPerSec: number;
}

/** How a request picks a registry replica (see `Registry.replicaFor`). */
export type ReplicaSelection = 'round-robin' | 'by-worker' | 'least-loaded';

/** One registry replica's capacities, and how many replicas share the blob store. */
export interface RegistryConfig {
  nicBytesPerSec: number;
  storageBytesPerSec: number;
  requestOverheadSec: number;
  maxConcurrentRequests: number;
  /**
   * Replicas behind the load balancer. Optional so that hand-built testbeds
   * (presets, tests) predating replicas stay valid; absent means 1.
   */
  replicas?: number;
  /** Absent means round-robin. */
  selection?: ReplicaSelection;
}

export interface StorageServerConfig {
  nicBytesPerSec: number;
  flashBytesPerSec: number;
  flashLatencySec: number;
  diskBytesPerSec: number;
  diskLatencySec: number;
  flashHitRatio: number;
  maxConcurrentRequests: number;
  snapshotLatencySec: number;
  cloneLatencySec: number;
}

export interface TestbedConfig {
  preset: string;
  workers: WorkersConfig;
  network: NetworkConfig;
  registry: RegistryConfig;
  storageServer: StorageServerConfig;
}

export type PolicyName = 'lru' | 'fifo' | 'lfu' | 'arc' | 'clock' | 's3fifo';

export interface CacheTierConfig {
  policy: PolicyName;
  capacityBytes: number;
}

/** Bounded caches of a testbed; an absent tier is unbounded or not modelled. */
export interface CachesConfig {
  layerStore?: { capacityBytes: number; highPercent: number; lowPercent: number };
  blockCache?: CacheTierConfig;
  storageServer?: CacheTierConfig;
  registry?: CacheTierConfig;
}

export interface DockerConfig {
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  createOverheadSec: number;
  startOverheadSec: number;
  stopOverheadSec: number;
  layerRegisterSec: number;
  /** The scenario's caches with this driver's overrides. */
  caches: CachesConfig;
}

export interface AufsConfig extends DockerConfig {
  kind: 'aufs';
  name: string;
  mountCostPerLayerSec: number;
  lookupCostPerLayerSec: number;
  copyupBytesPerSec: number;
}

export interface SlackerConfig extends DockerConfig {
  kind: 'slacker';
  name: string;
  blockSizeBytes: number;
  nfsReadSizeBytes: number;
  nfsInFlight: number;
  mountOverheadSec: number;
  cacheSharing: boolean;
}

export type DriverConfig = AufsConfig | SlackerConfig;

export type Cycle = 'deployment' | 'development';

export interface WorkloadConfig {
  catalogue: 'hellobench';
  /** Seed of the synthetic catalogue's draws (the scenario seed unless given). */
  catalogueSeed: number;
  images: 'all' | string[];
  traces: string[];
  cycles: Cycle[];
  repeat: number;
  /** Zipf exponent for picking images of crowd arrivals, or null for round robin. */
  zipf: number | null;
}

export type ArrivalsConfig =
  | { pattern: 'isolated' }
  | { pattern: 'at_once'; atSec: number; count?: number }
  | { pattern: 'ramp'; overSec: number; count?: number }
  | { pattern: 'poisson'; ratePerSec: number; count?: number }
  | { pattern: 'csv'; file: string }
  | AzureFunctionsArrivalsConfig
  | IbmRegistryArrivalsConfig;

/** Container starts from one day of the Azure Functions 2019 invocation counts. */
export interface AzureFunctionsArrivalsConfig {
  pattern: 'azure-functions-2019';
  file: string;
  /** First and last minute column replayed (1-based, inclusive); none = every minute. */
  minutes?: [number, number];
  /** Replay only this many functions, the busiest in the minutes replayed. */
  functions?: number;
  /** Replay only functions with one of these trigger kinds (`http`, `timer`, ...). */
  triggers?: string[];
  /** Multiplies every per-minute count. */
  scale: number;
  /** Where in its minute an invocation starts: seeded uniform draw, or evenly spaced. */
  spread: 'uniform' | 'even';
  /** Refuse the trace if it gives more starts than this. */
  maxStarts: number;
}

/** Container starts from the manifest GETs of an IBM Cloud registry trace. */
export interface IbmRegistryArrivalsConfig {
  pattern: 'ibm-registry';
  file: string;
  /** Replay only pulls in this span after the first record, in seconds; its start becomes 0. */
  windowSec?: [number, number];
  /** Refuse the trace if it holds more manifest GETs than this. */
  maxStarts: number;
}

export interface ScenarioConfig {
  name: string;
  description: string;
  /** The scenario file, for messages and for resolving relative paths. */
  file: string;
  seed: number;
  testbed: TestbedConfig;
  drivers: DriverConfig[];
  workload: WorkloadConfig;
  arrivals: ArrivalsConfig;
  outputs: { charts: boolean; sampleIntervalSec: number };
  limits: { maxEvents?: number; maxSimTimeSec?: number };
}
