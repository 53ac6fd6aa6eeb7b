/**
 * The scenario schema: the one place that says which keys a scenario may
 * have. It validates scenario files and is published as
 * `scenarios/scenario.schema.json` for editors (`npm run schema` rewrites it).
 *
 * Every key is optional where the testbed preset or a driver kind supplies a
 * default. Quantities are strings with units (`unit` keyword).
 */
import { Type as T, type TSchema } from '@sinclair/typebox';

const size = (description: string) => T.String({ unit: 'size', description });
const rate = (description: string) => T.String({ unit: 'rate', description });
const duration = (description: string) => T.String({ unit: 'duration', description });
/**
 * A positive integer. The bound keeps a typo such as `1e20` from reaching a
 * model that sizes arrays by it: it is refused as input instead.
 */
const count = (description: string, maximum = 10_000_000) =>
  T.Integer({ minimum: 1, maximum, description });
const share = (description: string) => T.Number({ minimum: 0, maximum: 1, description });
const strict = <P extends Record<string, TSchema>>(props: P, description?: string) =>
  T.Object(props, { additionalProperties: false, description });
const opt = T.Optional;

export const DiskSchema = strict(
  {
    read: opt(rate('sequential read bandwidth')),
    write: opt(rate('sequential write bandwidth')),
    iops: opt(T.Number({ exclusiveMinimum: 0, description: 'small random operations per second' })),
    concurrency_falloff: opt(
      share('fraction of bandwidth lost per extra concurrent request (seek interference)'),
    ),
  },
  'a local disk',
);

export const WorkersSchema = strict(
  {
    count: opt(count('number of worker machines', 1_000_000)),
    cores: opt(count('CPU cores per worker', 4096)),
    memory: opt(size('memory available to the page cache')),
    nic: opt(rate('network interface bandwidth, each direction')),
    disk: opt(DiskSchema),
    gunzip_rate: opt(rate('gzip decompression speed of one core, in uncompressed bytes')),
    gzip_rate: opt(rate('tar+gzip compression speed of one core, in uncompressed bytes')),
    file_create_cost: opt(duration('metadata cost of creating one file while extracting')),
    memory_bandwidth: opt(rate('speed of copies into and out of the page cache')),
    racks: opt(count('racks the workers are spread over (each with a top-of-rack switch)', 100_000)),
  },
  'the worker machines',
);

export const NetworkSchema = strict(
  {
    latency: opt(duration('one-way latency between any two machines')),
    tcp_window: opt(size('TCP window; caps a flow at window / round trip')),
    rack_uplink: opt(rate('bandwidth of each top-of-rack switch uplink, each direction')),
  },
  'the network between machines',
);

export const RegistrySchema = strict(
  {
    nic: opt(rate('registry network interface bandwidth, each direction')),
    storage: opt(rate('bandwidth of the blob storage behind the registry')),
    request_overhead: opt(duration('server time to handle one HTTP request')),
    max_concurrent_requests: opt(count('requests served at once by each replica; others wait')),
    replicas: opt(
      count(
        'registry servers behind a load balancer (default 1); each has the nic, storage, ' +
          'request slots and registry cache above; all share one blob store',
        1000,
      ),
    ),
    selection: opt(
      T.Union(
        ['round-robin', 'by-worker', 'least-loaded'].map((s) => T.Literal(s)),
        {
          description:
            'how each request picks a replica: round-robin (default) = the next one in turn; ' +
            'by-worker = worker i always uses replica i mod replicas; least-loaded = the one ' +
            'with the fewest requests queued or in service (lowest number on a tie)',
        },
      ),
    ),
  },
  'the Docker registry: one server, or several replicas sharing one blob store',
);

export const StorageServerSchema = strict(
  {
    nic: opt(rate('storage server network bandwidth, each direction')),
    flash: opt(rate('read bandwidth of the flash tier')),
    flash_latency: opt(duration('service time of one read from flash')),
    disk: opt(rate('read bandwidth of the disk tier')),
    disk_latency: opt(duration('service time of one read from the disk tier')),
    flash_hit_ratio: opt(share('share of cold block reads served by flash rather than disk')),
    max_concurrent_requests: opt(count('NFS requests processed at once')),
    snapshot_latency: opt(duration('time of a snapshot() metadata operation')),
    clone_latency: opt(duration('time of a clone() metadata operation')),
  },
  'the shared NFS storage server (Slacker)',
);

export const TestbedSchema = strict(
  {
    preset: opt(T.Union([T.Literal('fast16')], { description: 'hardware preset the keys below override' })),
    workers: opt(WorkersSchema),
    network: opt(NetworkSchema),
    registry: opt(RegistrySchema),
    storage_server: opt(StorageServerSchema),
  },
  'the machines and the network',
);

const policy = T.Union(
  ['lru', 'fifo', 'lfu', 'arc', 'clock', 's3fifo'].map((p) => T.Literal(p)),
  { description: 'eviction policy' },
);

const CacheTierSchema = strict({
  policy: opt(policy),
  capacity: size('bytes the cache holds'),
});

export const CachesSchema = strict(
  {
    layer_store: opt(
      strict(
        {
          capacity: size("disk space for the worker's pulled layers"),
          high_threshold: opt(T.Number({ minimum: 0, maximum: 100, description: 'percent of capacity that starts image GC (kubelet: 85)' })),
          low_threshold: opt(T.Number({ minimum: 0, maximum: 100, description: 'percent of capacity image GC frees down to (kubelet: 80)' })),
        },
        "each worker's local layer store, with kubelet-style image garbage collection",
      ),
    ),
    block_cache: opt(CacheTierSchema),
    storage_server: opt(CacheTierSchema),
    registry: opt(CacheTierSchema),
  },
  'bounded caches; a tier left out is unbounded (block cache, layer store) or modelled without a cache',
);

const driverCommon = {
  name: T.String({ minLength: 1, description: 'name shown in results' }),
  max_concurrent_downloads: opt(count('layers Docker downloads at once (Docker default 3)')),
  max_concurrent_uploads: opt(count('layers Docker uploads at once (Docker default 5)')),
  create_overhead: opt(duration('docker create: daemon and driver work before start')),
  start_overhead: opt(duration('docker start: namespaces, cgroups, exec')),
  stop_overhead: opt(duration('docker kill of a server container, counted in HelloBench')),
  caches: opt(CachesSchema),
  layer_register_overhead: opt(
    duration('daemon bookkeeping per pulled or pushed layer (metadata files, fsync, checksums)'),
  ),
};

export const AufsDriverSchema = strict(
  {
    kind: T.Literal('aufs'),
    ...driverCommon,
    mount_cost_per_layer: opt(duration('union mount cost for each layer (branch)')),
    lookup_cost_per_layer: opt(duration('cost of searching one branch during a lookup')),
    copyup_rate: opt(rate('speed of the whole-file copy-up to the writable branch')),
  },
  'Docker with the AUFS storage driver',
);

export const SlackerDriverSchema = strict(
  {
    kind: T.Literal('slacker'),
    ...driverCommon,
    block_size: opt(size('ext4 and block-cache block size')),
    nfs_read_size: opt(size('largest NFS read (rsize)')),
    nfs_in_flight: opt(count('NFS reads in flight for one read call (readahead)')),
    mount_overhead: opt(duration('loopback attach and ext4 mount of a clone')),
    cache_sharing: opt(T.Boolean({ description: 'clones of one image share the block cache' })),
  },
  'Docker with the Slacker driver (lazy NFS block fetch)',
);

export const DriverSchema = T.Union([AufsDriverSchema, SlackerDriverSchema]);

export const WorkloadSchema = strict(
  {
    catalogue: opt(T.Literal('hellobench', { description: 'synthetic image catalogue' })),
    catalogue_seed: opt(
      T.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description:
          'seed of the synthetic catalogue (default: the scenario seed); a sweep sets it to ' +
          'its base seed, so that every point sees the same images',
      }),
    ),
    images: opt(
      T.Union([T.Literal('all'), T.Array(T.String({ minLength: 1 }), { minItems: 1 })], {
        description: '"all" or a list of image names',
      }),
    ),
    traces: opt(T.Array(T.String({ minLength: 1 }), { description: 'trace files replacing synthetic images' })),
    cycles: opt(
      T.Array(T.Union([T.Literal('deployment'), T.Literal('development')]), {
        minItems: 1,
        description: 'deployment = pull+run; development = push+pull+run',
      }),
    ),
    repeat: opt(count('runs of each image on the same worker (later runs find caches warm)')),
    popularity: opt(
      strict(
        { zipf: T.Number({ minimum: 0, description: 'exponent s: image of rank k is chosen with weight 1/k^s' }) },
        'how crowd arrivals that name no image pick one (default: in turn)',
      ),
    ),
  },
  'what containers start',
);

const traceFile = (description: string) => T.String({ minLength: 1, description });
const maxStarts = () =>
  opt(count('stop with an error if the trace gives more container starts (default 1000000)'));

const startCount = count('container starts (default: one per worker); start i runs on worker i mod count');

export const ArrivalsSchema = T.Union([
  strict({ pattern: T.Literal('isolated') }, 'each container alone on a fresh testbed'),
  strict({ pattern: T.Literal('at_once'), at: opt(duration('start time')), count: opt(startCount) }),
  strict({ pattern: T.Literal('ramp'), over: duration('all starts spread evenly over this time'), count: opt(startCount) }),
  strict({
    pattern: T.Literal('poisson'),
    rate: T.Number({ exclusiveMinimum: 0, description: 'starts per second' }),
    count: opt(startCount),
  }),
  strict(
    {
      pattern: T.Literal('csv'),
      file: traceFile('CSV with a start_s column (seconds) and an optional image column'),
    },
    'one container per row of a CSV file',
  ),
  strict(
    {
      pattern: T.Literal('azure-functions-2019'),
      file: traceFile('one invocations_per_function_md.anon.dNN.csv of the Azure Functions 2019 dataset'),
      minutes: opt(
        T.Array(T.Integer({ minimum: 1, maximum: 1440 }), {
          minItems: 2,
          maxItems: 2,
          description: '[first, last] minute column replayed (1-1440, inclusive); the first starts at 0 s',
        }),
      ),
      functions: opt(count('replay only the N functions with the most invocations in those minutes')),
      triggers: opt(
        T.Array(T.String({ minLength: 1 }), {
          minItems: 1,
          description: 'replay only functions with these Trigger values (http, timer, queue, ...)',
        }),
      ),
      scale: opt(
        T.Number({
          exclusiveMinimum: 0,
          maximum: 1e6,
          description: 'multiplies every count; rounded per function so its total stays round(scale x total)',
        }),
      ),
      spread: opt(
        T.Union([T.Literal('uniform'), T.Literal('even')], {
          description: 'uniform: seeded random times inside the minute (default); even: evenly spaced',
        }),
      ),
      max_starts: maxStarts(),
    },
    'one container start per invocation of an Azure function; functions map to images by a hash of HashApp',
  ),
  strict(
    {
      pattern: T.Literal('ibm-registry'),
      file: traceFile('a JSON array of IBM Cloud container registry trace records'),
      window: opt(
        T.Array(duration('time after the first record'), {
          minItems: 2,
          maxItems: 2,
          description: '[from, to] after the first record: replay only pulls in this span; from becomes 0 s',
        }),
      ),
      max_starts: maxStarts(),
    },
    'one container start per manifest GET; repositories map to images by name or by hash',
  ),
]);

export const OutputsSchema = strict({
  charts: opt(T.Boolean({ description: 'write SVG charts' })),
  sample_interval: opt(duration('period of the time series of crowd runs (timeseries.csv)')),
});

export const LimitsSchema = strict({
  events: opt(count('stop with an error after this many events', Number.MAX_SAFE_INTEGER)),
  simulated_time: opt(duration('stop with an error past this simulated time')),
});

const sweepValues = T.Record(T.String(), T.Array(T.Unknown(), { minItems: 1 }), {
  description: 'key path (as for --set) -> list of values',
});

/** Parameter sweeps, read by `sim sweep` only; a single run ignores this key. */
export const SweepSchema = strict(
  {
    grid: opt(sweepValues),
    zip: opt(sweepValues),
    random: opt(
      strict({
        samples: count('random points to draw'),
        ranges: T.Record(
          T.String(),
          T.Array(T.Union([T.Number(), T.String()]), { minItems: 2, maxItems: 2 }),
          { minProperties: 1, description: 'key path -> [low, high]; units interpolate in SI' },
        ),
      }),
    ),
    seeds: opt(
      T.Union([T.Literal('derived'), T.Literal('shared')], {
        description: 'derived: a seed per point from its overrides; shared: the scenario seed',
      }),
    ),
  },
  'parameter sweep: grid (all combinations), zip (varied together), random samples',
);

export const ScenarioSchema = T.Object(
  {
    $schema: opt(T.String()),
    name: T.String({ pattern: '^[A-Za-z0-9._-]+$', description: 'scenario name, also the default output folder' }),
    description: opt(T.String()),
    seed: opt(T.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'seed of every random stream' })),
    testbed: opt(TestbedSchema),
    drivers: T.Array(DriverSchema, { minItems: 1 }),
    workload: opt(WorkloadSchema),
    arrivals: opt(ArrivalsSchema),
    caches: opt(CachesSchema),
    outputs: opt(OutputsSchema),
    limits: opt(LimitsSchema),
    sweep: opt(SweepSchema),
  },
  { additionalProperties: false, title: 'slacker-sim scenario' },
);
