/**
 * One Docker daemon per worker: pulls running at once on a worker share a
 * layer download in progress and one download limit.
 */
import test from 'ava';
import { parseScenario } from '../../models/scenario/load.ts';
import { runScenario } from '../../models/pipeline.ts';

const SCENARIO = `
name: shared-pull
testbed:
  preset: fast16
  workers: { count: 2 }
drivers:
  - { name: aufs, kind: aufs }
workload: { images: [redis] }
arrivals: { pattern: at_once, count: 8 }
`;

function crowd(extra: string[] = []) {
  const config = parseScenario('shared-pull.yaml', SCENARIO, { sets: extra });
  return runScenario(config);
}

test('four containers of one image on a worker download its layers once', (t) => {
  const result = crowd();
  const records = result.records;
  t.is(records.length, 8);
  const layers = result.images[0]!.layers;
  const imageBytes = layers.reduce((sum, l) => sum + l.compressedBytes, 0);
  // Two workers, each pulling the image once, whatever the number of containers.
  t.is(result.summary.counters?.aufs?.registry_bytes_served, 2 * imageBytes + 8 * 4096);
  const pulledByWorker = new Map<string, number>();
  for (const r of records) pulledByWorker.set(r.worker, (pulledByWorker.get(r.worker) ?? 0) + (r.bytes.bytes_pulled ?? 0));
  t.deepEqual([...pulledByWorker.values()], [imageBytes, imageBytes]);
  // The containers that did not download waited on the one that did.
  const waited = records.filter((r) => (r.parts.shared_pull_wait ?? 0) > 0);
  t.is(waited.length, 6);
  for (const r of waited) t.is(r.bytes.bytes_pulled ?? 0, 0);
});
