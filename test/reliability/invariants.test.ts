/**
 * Invariants that must hold for any scenario: random testbeds, images,
 * drivers, caches and arrivals, each run to the end, then checked:
 * - bytes sent equal bytes received (registry and storage server counters
 *   against what the containers recorded and what the links carried);
 * - no link, disk or CPU ever ran above its capacity;
 * - every started container finished (a stuck run throws);
 * - no cache holds more than its capacity;
 * - the same seed gives the same results.
 */
import test from 'ava';
import fc from 'fast-check';
import { aufsDefaults, slackerDefaults } from '../../models/drivers/defaults.ts';
import { runExperiment, type ContainerRecord } from '../../models/experiment.ts';
import type { Image, StartupOp } from '../../models/image.ts';
import { containerRows, CONTAINER_COLUMNS } from '../../models/report/tables.ts';
import type { CachesConfig, DriverConfig, PolicyName, ScenarioConfig } from '../../models/scenario/config.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import type { Testbed } from '../../models/testbed/testbed.ts';
import { toCsv } from '../../sim/output/csv.ts';
import { makeImage } from '../models/fixtures.ts';

const RUNS = 150;
const KiB = 1024;
const MANIFEST_BYTES = 4096;
const policies: PolicyName[] = ['lru', 'fifo', 'lfu', 'arc', 'clock', 's3fifo'];

const imageArb = (name: string) =>
  fc
    .record({
      layers: fc.array(fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 5 }), {
        minLength: 1,
        maxLength: 4,
      }),
      ops: fc.array(
        fc.record({
          kind: fc.constantFrom('compute', 'open', 'read', 'write', 'new'),
          pick: fc.nat(),
          fraction: fc.double({ min: 0, max: 1, noNaN: true }),
          sec: fc.double({ min: 0, max: 0.2, noNaN: true }),
        }),
        { maxLength: 25 },
      ),
    })
    .map(({ layers, ops }): Image => {
      const files = layers.flatMap((sizes, layer) => sizes.map((size, file) => ({ layer, file, size })));
      const startup: StartupOp[] = ops.map((o) => {
        const f = files[o.pick % files.length]!;
        const offset = Math.floor(f.size * o.fraction);
        switch (o.kind) {
          case 'compute':
            return { op: 'compute', sec: o.sec };
          case 'open':
            return { op: 'open', layer: f.layer, file: f.file };
          case 'read':
            return { op: 'read', layer: f.layer, file: f.file, offsetBytes: offset, lengthBytes: Math.max(1, f.size - offset) };
          case 'write':
            return { op: 'write', layer: f.layer, file: f.file, offsetBytes: f.size, lengthBytes: 512 };
          default:
            return { op: 'write', layer: -1, file: o.pick % 4, offsetBytes: 0, lengthBytes: 64 * KiB };
        }
      });
      return makeImage(name, layers, startup);
    });

const tierArb = fc.option(
  fc.record({ policy: fc.constantFrom(...policies), capacityBytes: fc.integer({ min: 64 * KiB, max: 8_000_000 }) }),
  { nil: undefined },
);

const scenarioArb = fc
  .record({
    images: fc.tuple(imageArb('a'), imageArb('b'), imageArb('c')).chain((all) => fc.subarray(all, { minLength: 1 })),
    kind: fc.constantFrom('aufs', 'slacker'),
    workers: fc.integer({ min: 1, max: 6 }),
    racks: fc.integer({ min: 1, max: 3 }),
    ramp: fc.option(fc.double({ min: 0.01, max: 5, noNaN: true }), { nil: undefined }),
    nfsInFlight: fc.integer({ min: 1, max: 8 }),
    cacheSharing: fc.boolean(),
    block: tierArb,
    server: tierArb,
    registry: tierArb,
    layerStore: fc.boolean(),
    replicas: fc.integer({ min: 1, max: 3 }),
    selection: fc.constantFrom('round-robin', 'by-worker', 'least-loaded'),
    seed: fc.nat(1000),
  })
  .map((p) => {
    const caches: CachesConfig = {};
    if (p.block) caches.blockCache = p.block;
    if (p.server) caches.storageServer = p.server;
    if (p.registry) caches.registry = p.registry;
    if (p.layerStore) {
      const biggest = Math.max(...p.images.map((i) => i.layers.reduce((a, l) => a + l.uncompressedBytes, 0)));
      caches.layerStore = { capacityBytes: 3 * biggest, highPercent: 85, lowPercent: 80 };
    }
    const driver: DriverConfig =
      p.kind === 'aufs'
        ? { ...aufsDefaults, name: 'd', caches }
        : { ...slackerDefaults, name: 'd', caches, nfsInFlight: p.nfsInFlight, cacheSharing: p.cacheSharing };
    const config: ScenarioConfig = {
      name: 'random',
      description: '',
      file: 'generated',
      seed: p.seed,
      testbed: {
        ...fast16,
        workers: { ...fast16.workers, count: p.workers, racks: p.racks },
        registry: { ...fast16.registry, replicas: p.replicas, selection: p.selection },
      },
      drivers: [driver],
      workload: {
        catalogue: 'hellobench', catalogueSeed: p.seed, images: 'all', traces: [], cycles: ['deployment'], repeat: 1, zipf: null,
      },
      arrivals: p.ramp === undefined ? { pattern: 'at_once', atSec: 0 } : { pattern: 'ramp', overSec: p.ramp },
      outputs: { charts: false, sampleIntervalSec: 1 },
      limits: { maxEvents: 5_000_000 },
    };
    return { config, images: p.images };
  });

interface Observed {
  tb: Testbed;
  records: readonly ContainerRecord[];
}

function run(config: ScenarioConfig, images: Image[]): { observed: Observed[]; csv: string } {
  const observed: Observed[] = [];
  const result = runExperiment(config, images, { observe: (tb, _driver, records) => observed.push({ tb, records }) });
  return { observed, csv: toCsv(CONTAINER_COLUMNS, containerRows(result.records)) };
}

const sum = (records: readonly ContainerRecord[], key: string) => records.reduce((a, r) => a + (r.bytes[key] ?? 0), 0);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

test(`invariants hold for ${RUNS} random scenarios`, (t) => {
  // fc.assert throws with the smallest failing scenario when a property fails.
  t.notThrows(() => fc.assert(
    fc.property(scenarioArb, ({ config, images }) => {
      const { observed, csv } = run(config, images);
      for (const { tb, records } of observed) {
        // Every started container is ready (a stuck one would have thrown).
        if (!records.every((r) => r.readySec >= r.startSec && r.totalSec > 0)) return false;
        // Bytes sent = bytes received.
        const pulled = sum(records, 'bytes_pulled');
        if (!close(tb.registry.bytesServed, pulled + MANIFEST_BYTES * records.length)) return false;
        if (!close(tb.storageServer.bytesServed, sum(records, 'bytes_fetched'))) return false;
        const now = tb.sim.now;
        const registrySent = tb.registry.replicas.reduce((a, r) => a + r.host.up.workDoneAt(now), 0);
        if (!close(registrySent, tb.registry.bytesServed)) return false;
        if (!close(tb.storageServer.host.up.workDoneAt(now), tb.storageServer.bytesServed)) return false;
        let received = 0;
        for (let i = 0; i < tb.workerCount; i++) received += tb.worker(i).host.down.workDoneAt(now);
        if (!close(received, tb.registry.bytesServed + tb.storageServer.bytesServed)) return false;
        // Nothing above capacity.
        for (const r of tb.resources()) if (r.peakUtilisation > 1 + 1e-9) return false;
        // Caches within capacity.
        const caches = [...tb.registry.replicas.map((r) => r.cache), tb.storageServer.cache];
        for (let i = 0; i < tb.workerCount; i++) caches.push(tb.worker(i).blockCache as never);
        for (const c of caches) if (c && c.usedBytes > c.capacityBytes) return false;
        for (let i = 0; i < tb.workerCount; i++) {
          const store = tb.worker(i).layerStore;
          if (store && store.usedBytes > store.capacityBytes) return false;
        }
      }
      // Same seed, same results.
      return run(config, images).csv === csv;
    }),
    { numRuns: RUNS, seed: 20261203 },
  ));
});
