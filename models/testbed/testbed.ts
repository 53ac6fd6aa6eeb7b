/**
 * The assembled machines of a scenario: a simulation clock, the fluid model
 * all capacities live in, the network, the registry (one or more replicas),
 * the storage server and the workers (created on demand, spread over racks).
 */
import { FluidModel, type FluidResource } from '../../sim/engine/fluid.ts';
import { RandomStreams } from '../../sim/engine/random.ts';
import { Simulation, type SimulationLimits } from '../../sim/engine/simulation.ts';
import { Registry, type RegistryReplica } from '../registry.ts';
import { createCache } from '../cache/create-cache.ts';
import type { CachesConfig, TestbedConfig } from '../scenario/config.ts';
import { StorageServer } from '../storage-server.ts';
import { Network } from './network.ts';
import { Worker } from './worker.ts';

export class Testbed {
  readonly sim: Simulation;
  readonly fluid: FluidModel;
  readonly network: Network;
  readonly registry: Registry;
  readonly storageServer: StorageServer;
  readonly random: RandomStreams;
  private readonly workers: Worker[] = [];
  private readonly workerIndex = new Map<Worker, number>();

  constructor(
    readonly config: TestbedConfig,
    seed: number | string,
    limits: SimulationLimits = {},
    readonly caches: CachesConfig = {},
  ) {
    this.sim = new Simulation(limits);
    this.fluid = new FluidModel(this.sim);
    this.random = new RandomStreams(seed);
    this.network = new Network(this.fluid, config.network, config.workers.racks);
    this.registry = new Registry(this.sim, this.network, config.registry, caches.registry);
    const storageHost = this.network.host('storage', config.storageServer.nicBytesPerSec);
    this.storageServer = new StorageServer(
      this.sim,
      this.network,
      storageHost,
      config.storageServer,
      this.random.stream('storage-server/tier'),
    );
    if (caches.storageServer) {
      const c = caches.storageServer;
      this.storageServer.cache = createCache<string>(c.policy, c.capacityBytes);
    }
  }

  /** Worker number `index`, created on first use; worker i sits in rack i mod racks. */
  worker(index: number): Worker {
    while (this.workers.length <= index) {
      const i = this.workers.length;
      const racks = this.config.workers.racks;
      const host = this.network.host(`worker${i}`, this.config.workers.nicBytesPerSec, i % racks);
      const worker = new Worker(`worker${i}`, host, this.config.workers, this.fluid, this.caches);
      this.workers.push(worker);
      this.workerIndex.set(worker, i);
    }
    return this.workers[index]!;
  }

  /** The registry replica that serves the next request of `worker`. */
  registryFor(worker: Worker): RegistryReplica {
    const index = this.workerIndex.get(worker);
    if (index === undefined) throw new Error(`${worker.name} is not a worker of this testbed`);
    return this.registry.replicaFor(index);
  }

  /** Every capacity of the testbed: links, storage media, CPUs and disks. */
  resources(): FluidResource[] {
    const list = [
      ...this.registry.replicas.flatMap((r) => [r.host.up, r.host.down, r.storage]),
      this.storageServer.host.up, this.storageServer.host.down,
      this.storageServer.flash, this.storageServer.disk,
      ...this.network.rackLinks(),
    ];
    for (const w of this.workers) list.push(w.host.up, w.host.down, w.cpu, w.disk);
    return list;
  }

  get workerCount(): number {
    return this.workers.length;
  }
}
