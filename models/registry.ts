/**
 * A Docker registry service: one or more replicas behind a load balancer,
 * all reading and writing one shared blob store (object storage), so a blob
 * pushed through any replica can be pulled through every other.
 *
 * Each replica is an HTTP server with its own network interface, its own
 * path to the blob store, its own request slots (a bounded number of
 * requests served at once) and, when configured, its own blob cache. A
 * request costs its trip plus a fixed server overhead, then streams its bytes
 * through the replica's storage path and network interface.
 */
import type { Process, ProcessBody } from '../sim/engine/process.ts';
import { Semaphore } from '../sim/engine/semaphore.ts';
import type { Simulation } from '../sim/engine/simulation.ts';
import type { FluidResource } from '../sim/engine/fluid.ts';
import { createCache } from './cache/create-cache.ts';
import type { CachePolicy } from './cache/policy.ts';
import type { CacheTierConfig, RegistryConfig, ReplicaSelection } from './scenario/config.ts';
import type { Host, Network } from './testbed/network.ts';

/** What a registry without `replicas` or `selection` settings is. */
export const registryDefaults = { replicas: 1, selection: 'round-robin' } as const satisfies {
  replicas: number;
  selection: ReplicaSelection;
};

/** One registry server. Requests reach it through `Registry.replicaFor`. */
export class RegistryReplica {
  readonly storage: FluidResource;
  readonly slots: Semaphore;
  /** Blob cache in front of the storage (memory), or null when not modelled. */
  readonly cache: CachePolicy<string> | null;
  requests = 0;
  bytesServed = 0;
  bytesStored = 0;
  /** Requests picked for this replica and not yet answered (queued or in service). */
  outstanding = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    readonly host: Host,
    readonly config: RegistryConfig,
    private readonly blobs: Set<string>,
    cache: CacheTierConfig | undefined,
  ) {
    this.storage = network.fluid.resource(`${host.name}.storage`, config.storageBytesPerSec);
    this.slots = new Semaphore(sim, config.maxConcurrentRequests, `${host.name} requests`);
    this.cache = cache ? createCache<string>(cache.policy, cache.capacityBytes) : null;
  }

  /** GET of `bytes` by `client`: request trip, overhead, response stream. */
  get(client: Host, bytes: number, what = 'blob'): Process<void> {
    this.outstanding++;
    const body = this.request(client, bytes, 'down', what);
    return this.sim.process(body, `GET ${what} for ${client.name}`);
  }

  /** PUT of `bytes` from `client` (an upload), then the server's answer. */
  put(client: Host, bytes: number, what = 'blob'): Process<void> {
    this.outstanding++;
    const body = this.request(client, bytes, 'up', what);
    return this.sim.process(body, `PUT ${what} from ${client.name}`);
  }

  private *request(
    client: Host, bytes: number, direction: 'down' | 'up', what: string,
  ): ProcessBody<void> {
    try {
      yield* this.serve(client, bytes, direction, what);
    } finally {
      this.outstanding--;
    }
  }

  private *serve(
    client: Host, bytes: number, direction: 'down' | 'up', what: string,
  ): ProcessBody<void> {
    const latency = this.network.config.latencySec;
    if (direction === 'down') yield latency;
    yield this.slots.acquire();
    try {
      this.requests++;
      yield this.config.requestOverheadSec;
      if (direction === 'down') {
        const cached = this.cache !== null && bytes > 0 && this.cache.access(what, bytes);
        const media = cached ? [] : [this.storage];
        yield this.network.transfer(this.host, client, bytes, media, `GET ${what}`);
        this.bytesServed += bytes;
      } else {
        yield this.network.transfer(client, this.host, bytes, [this.storage], `PUT ${what}`);
        this.blobs.add(what);
        this.bytesStored += bytes;
        yield latency;
      }
    } finally {
      this.slots.release();
    }
  }
}

/** The registry as clients see it: its replicas, their shared blobs, and the balancer. */
export class Registry {
  /** Digests of the blobs in the shared store. */
  readonly blobs = new Set<string>();
  readonly replicas: readonly RegistryReplica[];
  readonly selection: ReplicaSelection;
  private turn = 0;

  constructor(
    sim: Simulation,
    network: Network,
    config: RegistryConfig,
    cache: CacheTierConfig | undefined,
  ) {
    const count = config.replicas ?? registryDefaults.replicas;
    if (!(Number.isInteger(count) && count >= 1)) {
      throw new RangeError(`registry replicas must be an integer >= 1, got ${count}`);
    }
    this.selection = config.selection ?? registryDefaults.selection;
    // One replica keeps the host name of the single-registry testbed.
    const names =
      count === 1 ? ['registry'] : Array.from({ length: count }, (_, k) => `registry${k}`);
    this.replicas = names.map((name) => {
      const host = network.host(name, config.nicBytesPerSec);
      return new RegistryReplica(sim, network, host, config, this.blobs, cache);
    });
  }

  /**
   * The replica that serves the next request of worker number `workerIndex`:
   * - `round-robin`: each request goes to the next replica in turn;
   * - `by-worker`: worker i always uses replica i mod replicas (sticky);
   * - `least-loaded`: the replica with the fewest requests queued or in
   *   service, the lowest-numbered one on a tie.
   */
  replicaFor(workerIndex: number): RegistryReplica {
    const n = this.replicas.length;
    if (n === 1) return this.replicas[0]!;
    switch (this.selection) {
      case 'round-robin':
        return this.replicas[this.turn++ % n]!;
      case 'by-worker':
        return this.replicas[workerIndex % n]!;
      case 'least-loaded': {
        let best = this.replicas[0]!;
        for (const r of this.replicas) if (r.outstanding < best.outstanding) best = r;
        return best;
      }
    }
  }

  /** Requests served, summed over replicas. */
  get requests(): number {
    return this.sum((r) => r.requests);
  }

  /** Bytes sent to clients, summed over replicas. */
  get bytesServed(): number {
    return this.sum((r) => r.bytesServed);
  }

  /** Bytes received from clients, summed over replicas. */
  get bytesStored(): number {
    return this.sum((r) => r.bytesStored);
  }

  private sum(of: (r: RegistryReplica) => number): number {
    let total = 0;
    for (const r of this.replicas) total += of(r);
    return total;
  }
}
