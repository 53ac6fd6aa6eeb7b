import test from 'ava';
import { layerDepth, type StartupOp } from '../../models/image.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import { aufs, makeImage, pullAndRun, testbed } from './fixtures.ts';

const MB = 1e6;

/** Run-phase copy-up time of one append to a base-layer file of `size` bytes. */
function copyupTime(size: number, appends: number): { copyup: number; copied: number; write: number } {
  const ops: StartupOp[] = [{ op: 'open', layer: 0, file: 0 }];
  for (let i = 0; i < appends; i++) ops.push({ op: 'write', layer: 0, file: 0, offsetBytes: size, lengthBytes: 512 });
  const image = makeImage(`copyup${size}`, [[size], [1000], [1000]], ops);
  const { run } = pullAndRun(aufs(), image);
  return { copyup: run.parts.copyup ?? 0, copied: run.bytes.bytes_copied_up ?? 0, write: run.parts.write ?? 0 };
}

test('copy-up of a first small append grows linearly with the file size', (t) => {
  const sizes = [1 * MB, 2 * MB, 4 * MB, 8 * MB, 16 * MB];
  const times = sizes.map((s) => copyupTime(s, 1).copyup);
  for (let i = 1; i < times.length; i++) t.true(times[i]! > times[i - 1]!);
  // Linear: the time per extra byte is the same between every pair of sizes.
  const slope = (times[4]! - times[0]!) / (sizes[4]! - sizes[0]!);
  for (let i = 1; i < sizes.length; i++) {
    const s = (times[i]! - times[i - 1]!) / (sizes[i]! - sizes[i - 1]!);
    t.true(Math.abs(s - slope) / slope < 1e-6, `slope ${s} vs ${slope}`);
  }
  t.true(slope > 0);
});

test('a second append to the same file does not copy it up again', (t) => {
  const once = copyupTime(8 * MB, 1);
  const twice = copyupTime(8 * MB, 2);
  t.is(once.copied, 8 * MB);
  t.is(twice.copied, 8 * MB);
  t.is(twice.copyup, once.copyup);
  // The second append costs only its own 512 bytes.
  t.true(twice.write - once.write < 1e-5);
});

test('opening a file costs more the deeper its layer', (t) => {
  const layers = Array.from({ length: 12 }, () => [4096]);
  const costs: number[] = [];
  for (let layer = 0; layer < layers.length; layer++) {
    const image = makeImage(`depth${layer}`, layers, [{ op: 'open', layer, file: 0 }]);
    const { run } = pullAndRun(aufs(), image);
    costs.push(run.parts.lookup ?? 0);
    t.is(layerDepth(image, layer), layers.length - 1 - layer);
  }
  // Deeper = lower layer index: each step down costs strictly more.
  for (let layer = 1; layer < costs.length; layer++) t.true(costs[layer - 1]! > costs[layer]!);
});

test('reads after a pull hit the page cache; reads of evicted data go to disk', (t) => {
  const read: StartupOp[] = [{ op: 'read', layer: 0, file: 0, offsetBytes: 0, lengthBytes: 4 * MB }];
  const image = makeImage('cached', [[4 * MB], [1000]], read);
  const warm = pullAndRun(aufs(), image).run.parts.read!;
  const tiny = { ...fast16, workers: { ...fast16.workers, memoryBytes: 1 * MB } };
  const cold = pullAndRun(aufs(), image, testbed(tiny)).run.parts.read!;
  // 4 MB from memory at 2 GB/s vs from a 250 MB/s disk.
  t.true(Math.abs(warm - (4 * MB) / fast16.workers.memoryBytesPerSec) < 1e-9);
  t.true(cold > (4 * MB) / fast16.workers.disk.readBytesPerSec);
});
