/**
 * Replaying real traces through the models: on an idealised store (no
 * device, network or daemon cost) a startup takes exactly its compute time;
 * on the real models both trace levels replay on both drivers.
 */
import test from 'ava';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { aufsDefaults } from '../../models/drivers/defaults.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import type { Image } from '../../models/image.ts';
import { imageFromTrace } from '../../models/trace-images.ts';
import { aufs, pullAndRun, slacker, testbed } from './fixtures.ts';

const dir = new URL('../../traces/captured/', import.meta.url).pathname;
const traces = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.trace.gz')).sort() : [];

const idealTestbed = () =>
  testbed({
    ...fast16,
    workers: {
      ...fast16.workers,
      memoryBytesPerSec: Infinity,
      gunzipBytesPerSec: Infinity,
      fileCreateSec: 0,
      disk: { ...fast16.workers.disk, readBytesPerSec: 1e18, writeBytesPerSec: 1e18, iops: 1e18 },
    },
  });

const idealAufs = () =>
  aufs({
    ...aufsDefaults,
    createOverheadSec: 0,
    startOverheadSec: 0,
    stopOverheadSec: 0,
    mountCostPerLayerSec: 0,
    lookupCostPerLayerSec: 0,
    copyupBytesPerSec: Infinity,
  });

test('there are captured traces to replay', (t) => {
  t.true(traces.length >= 2, `found ${traces.length} in traces/captured`);
});

for (const name of traces) {
  test(`${name}: an idealised store gives back the trace's compute time (within 1%)`, (t) => {
    const image = imageFromTrace(join(dir, name));
    const compute = image.startup.reduce((a, op) => a + (op.op === 'compute' ? op.sec : 0), 0);
    const { run } = pullAndRun(idealAufs(), image, idealTestbed());
    const total = Object.values(run.parts).reduce((a, b) => a + b, 0);
    t.true(compute > 0);
    t.true(Math.abs(total - compute) <= 0.01 * compute, `replayed ${total} s vs compute ${compute} s`);
  });

  test(`${name}: replays on AUFS and on Slacker`, (t) => {
    const image = imageFromTrace(join(dir, name));
    const reads = image.startup.filter((op) => op.op === 'read').length;
    const onAufs = pullAndRun(aufs(), image).run;
    const onSlacker = pullAndRun(slacker(), image).run;
    t.true(onAufs.bytes.bytes_read! > 0 || reads === 0);
    // Slacker fetches at least the distinct bytes read from the image (whole
    // blocks, so possibly more), and never reads a range twice from the server.
    const distinct = distinctBytesRead(image);
    t.true((onSlacker.bytes.bytes_fetched ?? 0) >= distinct, `${onSlacker.bytes.bytes_fetched} < ${distinct}`);
  });
}

/** Bytes of image files read at least once (the union of read ranges per file). */
function distinctBytesRead(image: Image): number {
  const ranges = new Map<string, [number, number][]>();
  for (const op of image.startup) {
    if (op.op !== 'read' || op.layer < 0) continue;
    const key = `${op.layer}:${op.file}`;
    const list = ranges.get(key) ?? [];
    list.push([op.offsetBytes, op.offsetBytes + op.lengthBytes]);
    ranges.set(key, list);
  }
  let total = 0;
  for (const list of ranges.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [start, end] = list[0]!;
    for (const [s, e] of list.slice(1)) {
      if (s > end) {
        total += end - start;
        [start, end] = [s, e];
      } else end = Math.max(end, e);
    }
    total += end - start;
  }
  return total;
}
