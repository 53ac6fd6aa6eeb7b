/**
 * Time series of a crowd run, sampled at a fixed period of simulated time:
 * registry and storage-server egress, the busiest rack uplink, queue lengths
 * at the registry and the storage server, containers running, and the hit
 * ratio of each bounded cache tier over the period.
 *
 * Registry figures are totals over its replicas; with more than one replica,
 * `registry_replica_<k>_egress_bytes_per_s` gives each replica's share.
 */
import type { CachePolicy } from '../cache/policy.ts';
import type { Testbed } from '../testbed/testbed.ts';

export interface Sample {
  timeSec: number;
  metric: string;
  value: number;
  driver: string;
}

interface Counter {
  hits: number;
  misses: number;
}

/**
 * Starts sampling `tb` every `periodSec` until `done()` is true, or until
 * nothing else is left to happen (so a stuck run still ends and is reported
 * as stuck). Samples are appended to `out`; the first is taken at `periodSec`.
 */
export function startSampler(tb: Testbed, driver: string, periodSec: number, done: () => boolean, out: Sample[]): void {
  const replicas = tb.registry.replicas;
  const storage = tb.storageServer.host.up;
  const lastReplica = replicas.map(() => 0);
  let lastStorage = 0;
  const last = new Map<string, Counter>();

  const tiers = (): [string, Counter][] => {
    const list: [string, Counter][] = [];
    const add = (name: string, c: CachePolicy<any> | null) => {
      if (c) list.push([name, { hits: c.stats.hits, misses: c.stats.misses }]);
    };
    const registryCaches = replicas.filter((r) => r.cache !== null);
    if (registryCaches.length > 0) {
      let hits = 0;
      let misses = 0;
      for (const r of registryCaches) {
        hits += r.cache!.stats.hits;
        misses += r.cache!.stats.misses;
      }
      list.push(['registry_cache', { hits, misses }]);
    }
    add('storage_server_cache', tb.storageServer.cache);
    let blockHits = 0;
    let blockMisses = 0;
    let storeHits = 0;
    let storeMisses = 0;
    let any = false;
    let anyStore = false;
    for (let i = 0; i < tb.workerCount; i++) {
      const w = tb.worker(i);
      if (w.blockCache) {
        any = true;
        blockHits += w.blockCache.stats.hits;
        blockMisses += w.blockCache.stats.misses;
      }
      if (w.layerStore) {
        anyStore = true;
        storeHits += w.layerStore.stats.hits;
        storeMisses += w.layerStore.stats.misses;
      }
    }
    if (any) list.push(['worker_block_cache', { hits: blockHits, misses: blockMisses }]);
    if (anyStore) list.push(['worker_layer_store', { hits: storeHits, misses: storeMisses }]);
    return list;
  };

  const sample = () => {
    const now = tb.sim.now;
    const push = (metric: string, value: number) => out.push({ timeSec: now, metric, value, driver });
    const sent = replicas.map((r, k) => r.host.up.workDoneAt(now) - lastReplica[k]!);
    const sto = storage.workDoneAt(now);
    push('registry_egress_bytes_per_s', sent.reduce((a, b) => a + b, 0) / periodSec);
    push('storage_egress_bytes_per_s', (sto - lastStorage) / periodSec);
    if (replicas.length > 1) {
      sent.forEach((bytes, k) => {
        push(`registry_replica_${k}_egress_bytes_per_s`, bytes / periodSec);
      });
    }
    replicas.forEach((r, k) => (lastReplica[k] = r.host.up.workDoneAt(now)));
    lastStorage = sto;
    push('registry_queue', replicas.reduce((a, r) => a + r.slots.queueLength, 0));
    push('storage_queue', tb.storageServer.slots.queueLength);
    push('rack_uplink_utilisation_max', tb.network.maxRackUtilisation());
    for (const [name, now_] of tiers()) {
      const before = last.get(name) ?? { hits: 0, misses: 0 };
      const hits = now_.hits - before.hits;
      const total = hits + now_.misses - before.misses;
      if (total > 0) push(`${name}_hit_ratio`, hits / total);
      last.set(name, now_);
    }
  };

  const tick = () => {
    sample();
    if (!done() && tb.sim.pendingEvents > 0) tb.sim.schedule(periodSec, tick);
  };
  tb.sim.schedule(periodSec, tick);
}
