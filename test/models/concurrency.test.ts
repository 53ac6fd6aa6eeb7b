/**
 * The paper's scalability experiment: 1, 8, 16 and 32 workers push or pull
 * distinct synthetic images of 1, 10 and 100 MB at the same time.
 */
import test from 'ava';
import { PhaseReport } from '../../models/drivers/driver.ts';
import type { Image } from '../../models/image.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import { aufs, makeImage, testbed } from './fixtures.ts';

const MB = 1e6;
const counts = [1, 8, 16, 32];
const sizes = [1 * MB, 10 * MB, 100 * MB];

function images(count: number, size: number): Image[] {
  // One layer of 100 files per image; distinct digests so nothing is shared.
  return Array.from({ length: count }, (_, i) => makeImage(`img${size}-${i}`, [Array(100).fill(size / 100)]));
}

/** Time until the last of `count` concurrent operations ends. */
function makespan(op: 'push' | 'pull', count: number, size: number): number {
  const tb = testbed();
  const driver = aufs();
  images(count, size).forEach((image, i) => {
    const worker = tb.worker(i);
    if (op === 'pull') driver.publish(tb, image);
    else driver.seed(tb, worker, image);
    tb.sim.process(driver[op](tb, worker, image, new PhaseReport()), `${op} ${i}`);
  });
  tb.sim.run();
  tb.sim.assertAllFinished();
  return tb.sim.now;
}

for (const op of ['push', 'pull'] as const) {
  test(`${op}: total time grows with image size and with the number of workers`, (t) => {
    const grid = sizes.map((size) => counts.map((count) => makespan(op, count, size)));
    for (let s = 0; s < sizes.length; s++) {
      for (let c = 1; c < counts.length; c++) t.true(grid[s]![c]! > grid[s]![c - 1]!, `${op} ${sizes[s]} x${counts[c]}`);
    }
    for (let c = 0; c < counts.length; c++) {
      for (let s = 1; s < sizes.length; s++) t.true(grid[s]![c]! > grid[s - 1]![c]!, `${op} ${sizes[s]} x${counts[c]}`);
    }
  });
}

test('a 32-way pull of 100 MB images is bounded below by the registry egress', (t) => {
  const compressed = images(32, 100 * MB).reduce((a, i) => a + i.layers[0]!.compressedBytes, 0);
  const egress = Math.min(fast16.registry.nicBytesPerSec, fast16.registry.storageBytesPerSec);
  const time = makespan('pull', 32, 100 * MB);
  t.true(time >= compressed / egress, `${time} s < ${compressed / egress} s`);
  // With a slow registry the bound becomes the whole story.
  const slow = { ...fast16, registry: { ...fast16.registry, storageBytesPerSec: 20 * MB } };
  const tb = testbed(slow);
  const driver = aufs();
  images(32, 100 * MB).forEach((image, i) => {
    driver.publish(tb, image);
    tb.sim.process(driver.pull(tb, tb.worker(i), image, new PhaseReport()), `pull ${i}`);
  });
  tb.sim.run();
  t.true(tb.sim.now >= compressed / (20 * MB));
  t.true(tb.sim.now < (compressed / (20 * MB)) * 1.2, 'the registry storage dominates');
});
