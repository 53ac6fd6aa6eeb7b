/**
 * Registry replicas: a flash crowd served by several replicas moves the same
 * bytes as one registry, each replica serves the share its selection rule
 * gives it, more replicas help when the registry's egress is the bottleneck,
 * and the same seed gives the same results.
 */
import test from 'ava';
import type { ContainerRecord } from '../../models/experiment.ts';
import { runScenario, type RunResult } from '../../models/pipeline.ts';
import { PhaseReport } from '../../models/drivers/driver.ts';
import type { ReplicaSelection } from '../../models/scenario/config.ts';
import { parseScenario } from '../../models/scenario/load.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import type { Testbed } from '../../models/testbed/testbed.ts';
import { aufs, makeImage, testbed } from './fixtures.ts';

const MANIFEST_BYTES = 4096;
const MB = 1e6;

interface Crowd {
  result: RunResult;
  tb: Testbed;
}

/** `workers` workers start redis at once with AUFS, behind `replicas` replicas. */
function crowd(replicas: number, selection: ReplicaSelection, workers = 10, registry = ''): Crowd {
  const config = parseScenario(
    'replicas.yaml',
    `name: replicas
seed: 5
testbed:
  workers: { count: ${workers}, racks: 2 }
  registry: { replicas: ${replicas}, selection: ${selection}${registry} }
drivers: [{ name: aufs, kind: aufs }]
workload: { images: [redis] }
arrivals: { pattern: at_once }
outputs: { charts: false, sample_interval: 0.5s }
`,
  );
  let tb: Testbed | undefined;
  const result = runScenario(config, { observe: (t) => (tb = t) });
  return { result, tb: tb! };
}

/** Bytes the registry sent to one container: its manifest and its layers. */
const servedTo = (r: ContainerRecord) => MANIFEST_BYTES + (r.bytes.bytes_pulled ?? 0);
const workerIndex = (r: ContainerRecord) => Number(r.worker.replace('worker', ''));
const lastReady = (c: Crowd) => Math.max(...c.result.records.map((r) => r.readySec));

const selections: ReplicaSelection[] = ['round-robin', 'by-worker', 'least-loaded'];

test('N replicas serve in total the bytes one registry serves', (t) => {
  const one = crowd(1, 'round-robin');
  const expected = one.result.records.reduce((a, r) => a + servedTo(r), 0);
  t.true(expected > 10 * MANIFEST_BYTES, 'the workers pulled layers');
  t.is(one.tb.registry.bytesServed, expected);
  for (const n of [2, 4]) {
    for (const selection of selections) {
      const many = crowd(n, selection);
      t.is(many.tb.registry.replicas.length, n);
      t.is(many.tb.registry.bytesServed, expected, `${n} replicas, ${selection}`);
      t.is(many.result.summary.counters!.aufs!.registry_bytes_served, expected);
      const perReplica = many.tb.registry.replicas.map((r) => r.bytesServed);
      t.is(perReplica.reduce((a, b) => a + b, 0), expected);
      t.is(many.tb.registry.requests, one.tb.registry.requests);
    }
  }
});

test('by-worker: replica k serves exactly the workers i with i mod N = k', (t) => {
  const n = 4;
  const { result, tb } = crowd(n, 'by-worker', 10);
  const expected = Array<number>(n).fill(0);
  for (const r of result.records) expected[workerIndex(r) % n]! += servedTo(r);
  // 10 workers over 4 replicas: 3, 3, 2 and 2 workers, so the shares differ.
  t.true(expected[0]! > expected[3]!);
  t.deepEqual(tb.registry.replicas.map((r) => r.bytesServed), expected);
  const counters = result.summary.counters!.aufs!;
  t.deepEqual(
    [0, 1, 2, 3].map((k) => counters[`registry_replica_${k}_bytes_served`]),
    expected,
  );
});

test('round-robin: request counts per replica differ by at most one', (t) => {
  const { result, tb } = crowd(4, 'round-robin', 10);
  const counts = tb.registry.replicas.map((r) => r.requests);
  t.is(counts.length, 4);
  const layers = result.images[0]!.layers.length;
  const total = counts.reduce((a, b) => a + b, 0);
  t.is(total, 10 * (1 + layers), 'a manifest and each layer per worker');
  t.true(Math.max(...counts) - Math.min(...counts) <= 1, `counts ${counts.join(', ')}`);
});

test('least-loaded: a request avoids the replica that is busy, round-robin does not', (t) => {
  // Worker 0 pulls a large image (seconds of transfer from one replica); at
  // 0.1 s worker 1 pulls a small one.
  const big = makeImage('big', [[2000 * MB]]);
  const small = makeImage('small', [[1 * MB]]);
  const served = (selection: ReplicaSelection) => {
    const tb = testbed({ ...fast16, registry: { ...fast16.registry, replicas: 2, selection } });
    const driver = aufs();
    driver.publish(tb, big);
    driver.publish(tb, small);
    tb.sim.process(driver.pull(tb, tb.worker(0), big, new PhaseReport()), 'big');
    tb.sim.schedule(0.1, () => {
      tb.sim.process(driver.pull(tb, tb.worker(1), small, new PhaseReport()), 'small');
    });
    tb.sim.run();
    tb.sim.assertAllFinished();
    return tb.registry.replicas.map((r) => r.bytesServed);
  };
  const bigBytes = big.layers[0]!.compressedBytes;
  const smallBytes = small.layers[0]!.compressedBytes;
  // Least-loaded: worker 0's manifest and layer both find the replicas idle
  // and go to replica 0; worker 1's requests go to idle replica 1.
  t.deepEqual(served('least-loaded'), [MANIFEST_BYTES + bigBytes, MANIFEST_BYTES + smallBytes]);
  // Round-robin takes turns whatever the load: the manifests go to replica 0,
  // both layers to replica 1.
  t.deepEqual(served('round-robin'), [2 * MANIFEST_BYTES, bigBytes + smallBytes]);
  // By-worker: each worker's own replica.
  t.deepEqual(served('by-worker'), [MANIFEST_BYTES + bigBytes, MANIFEST_BYTES + smallBytes]);
});

test('4 replicas make the last worker ready sooner when registry egress is the bottleneck', (t) => {
  // A slow blob store behind each replica (50 MB/s) is the narrowest point.
  const slow = ', storage: 50MB/s';
  const one = lastReady(crowd(1, 'round-robin', 16, slow));
  const four = lastReady(crowd(4, 'round-robin', 16, slow));
  t.true(four < one * 0.5, `1 replica: ${one} s, 4 replicas: ${four} s`);
  // With a fast registry, replicas barely change anything.
  const fastOne = lastReady(crowd(1, 'round-robin', 16, ', storage: 100GB/s, nic: 100Gbit/s'));
  const fastFour = lastReady(crowd(4, 'round-robin', 16, ', storage: 100GB/s, nic: 100Gbit/s'));
  t.true(fastFour > fastOne * 0.9, `fast registry: 1 replica ${fastOne} s, 4: ${fastFour} s`);
});

test('timeseries: per-replica egress sums to the total, only with several replicas', (t) => {
  const four = crowd(4, 'by-worker').result.timeseries;
  const one = crowd(1, 'by-worker').result.timeseries;
  t.false(one.some((s) => s.metric.startsWith('registry_replica_')));
  const times = [...new Set(four.map((s) => s.timeSec))];
  t.true(times.length > 2);
  let busy = 0;
  for (const time of times) {
    const at = four.filter((s) => s.timeSec === time);
    const total = at.find((s) => s.metric === 'registry_egress_bytes_per_s')!.value;
    const parts = at.filter((s) => /^registry_replica_\d_egress_bytes_per_s$/.test(s.metric));
    t.is(parts.length, 4);
    const sum = parts.reduce((a, s) => a + s.value, 0);
    t.true(Math.abs(sum - total) <= 1e-6 * Math.max(1, total), `t=${time}: ${sum} vs ${total}`);
    if (parts.filter((s) => s.value > 0).length > 1) busy++;
  }
  t.true(busy > 0, 'several replicas sent bytes in the same period');
});

test('the same seed gives the same results with replicas', (t) => {
  for (const selection of selections) {
    const a = crowd(3, selection, 12).result;
    const b = crowd(3, selection, 12).result;
    t.deepEqual(b.records, a.records, selection);
    t.deepEqual(b.timeseries, a.timeseries, selection);
    t.deepEqual(b.summary, a.summary, selection);
  }
});
