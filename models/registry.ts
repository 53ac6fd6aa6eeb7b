/**
 * A Docker registry: an HTTP server that stores blobs (layers, manifests)
 * and serves them. Each request takes a slot (a bounded number are served
 * at once), costs the request's trip plus a fixed server overhead, and then
 * streams its bytes through the registry's storage and network interface.
 */
import type { Process, ProcessBody } from '../sim/engine/process.ts';
import { Semaphore } from '../sim/engine/semaphore.ts';
import type { Simulation } from '../sim/engine/simulation.ts';
import type { FluidResource } from '../sim/engine/fluid.ts';
import type { CachePolicy } from './cache/policy.ts';
import type { RegistryConfig } from './scenario/config.ts';
import type { Host, Network } from './testbed/network.ts';

export class Registry {
  readonly storage: FluidResource;
  readonly slots: Semaphore;
  readonly blobs = new Set<string>();
  /** Blob cache in front of the storage (memory), or null when not modelled. */
  cache: CachePolicy<string> | null = null;
  requests = 0;
  bytesServed = 0;
  bytesStored = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly network: Network,
    readonly host: Host,
    readonly config: RegistryConfig,
  ) {
    this.storage = network.fluid.resource('registry.storage', config.storageBytesPerSec);
    this.slots = new Semaphore(sim, config.maxConcurrentRequests, 'registry requests');
  }

  /** GET of `bytes` by `client`: request trip, overhead, response stream. */
  get(client: Host, bytes: number, what = 'blob'): Process<void> {
    return this.sim.process(this.request(client, bytes, 'down', what), `GET ${what} for ${client.name}`);
  }

  /** PUT of `bytes` from `client` (an upload), then the server's answer. */
  put(client: Host, bytes: number, what = 'blob'): Process<void> {
    return this.sim.process(this.request(client, bytes, 'up', what), `PUT ${what} from ${client.name}`);
  }

  private *request(client: Host, bytes: number, direction: 'down' | 'up', what: string): ProcessBody<void> {
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
