/**
 * Startup quantiles per driver and image: checked against values worked out
 * by hand, and present in the summary.json a run writes.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRecord } from '../../models/experiment.ts';
import { runScenario } from '../../models/pipeline.ts';
import { writeResults } from '../../models/report/write-results.ts';
import { parseScenario } from '../../models/scenario/load.ts';
import { startupByImage } from '../../models/summary.ts';

function record(driver: string, image: string, totalSec: number, run = 1): ContainerRecord {
  return {
    container: 0, worker: 'worker0', image, category: 'test', driver, driverKind: 'aufs',
    cycle: 'deployment', run, startSec: 0, pushSec: 0, pullSec: 0, runSec: 0, totalSec,
    readySec: totalSec, parts: {}, bytes: {},
  };
}

const quantiles = (containers: number, p50: number, p90: number, p99: number, max: number) => ({
  containers, p50_total_s: p50, p90_total_s: p90, p99_total_s: p99, max_total_s: max,
});

test('quantiles per driver and image match hand-computed values', (t) => {
  const records = [
    record('a', 'redis', 4),
    record('a', 'busybox', 7),
    record('a', 'redis', 1),
    record('a', 'redis', 3),
    record('a', 'redis', 2),
    record('a', 'redis', 100, 2), // a warm second run: not a startup of the crowd
    record('b', 'redis', 10),
    record('b', 'redis', 20),
  ];
  // redis under a: 1, 2, 3, 4. R-7: position (n-1)p = 3p.
  // p50: 1.5 -> 2.5; p90: 2.7 -> 3.7; p99: 2.97 -> 3.97.
  // redis under b: 10, 20. p50: 0.5 -> 15; p90: 0.9 -> 19; p99: 0.99 -> 19.9.
  const near = (x: number) => Math.round(x * 1e9) / 1e9;
  const json = JSON.stringify(startupByImage(records), (_, v) =>
    typeof v === 'number' ? near(v) : v,
  );
  const rounded = JSON.parse(json);
  t.deepEqual(rounded, {
    a: {
      busybox: quantiles(1, 7, 7, 7, 7),
      redis: quantiles(4, 2.5, 3.7, 3.97, 4),
    },
    b: {
      redis: quantiles(2, 15, 19, 19.9, 20),
    },
  });
  t.deepEqual(Object.keys(rounded.a), ['busybox', 'redis'], 'images sorted by name');
});

test('summary.json carries the per-image quantiles beside the per-driver figures', async (t) => {
  const config = parseScenario(
    'per-image.yaml',
    `name: per-image
seed: 2
testbed: { workers: { count: 6 } }
drivers: [{ name: aufs, kind: aufs }, { name: slacker, kind: slacker }]
workload: { images: [busybox, redis] }
arrivals: { pattern: at_once }
outputs: { charts: false }
`,
  );
  const result = runScenario(config);
  const dir = mkdtempSync(join(tmpdir(), 'per-image-'));
  try {
    await writeResults(dir, result);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const keys = Object.keys(summary);
    t.is(keys.indexOf('startup_by_image'), keys.indexOf('drivers') + 1);
    for (const driver of ['aufs', 'slacker']) {
      const perImage = summary.startup_by_image[driver];
      t.deepEqual(Object.keys(perImage), ['busybox', 'redis']);
      let containers = 0;
      for (const image of ['busybox', 'redis']) {
        const totals = result.records
          .filter((r) => r.driver === driver && r.image === image)
          .map((r) => r.totalSec);
        const s = perImage[image];
        containers += s.containers;
        t.is(s.containers, totals.length);
        t.is(s.max_total_s, Number(Math.max(...totals).toPrecision(6)));
        t.true(s.p50_total_s <= s.p90_total_s && s.p90_total_s <= s.p99_total_s);
        t.true(s.p99_total_s <= s.max_total_s);
      }
      t.is(containers, summary.drivers[driver].containers);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
