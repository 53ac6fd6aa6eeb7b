import test from 'ava';
import { PhaseReport } from '../../models/drivers/driver.ts';
import type { SlackerDriver } from '../../models/drivers/slacker.ts';
import type { StartupOp } from '../../models/image.ts';
import { makeImage, pullAndRun, slacker, testbed } from './fixtures.ts';

const MB = 1e6;
const KiB = 1024;

test('lazy fetch only fetches the blocks that are read (plus the inode block)', (t) => {
  const ops: StartupOp[] = [
    { op: 'open', layer: 0, file: 1 },
    { op: 'read', layer: 0, file: 1, offsetBytes: 1024 * KiB, lengthBytes: 64 * KiB },
  ];
  const image = makeImage('lazy', [[10 * MB, 10 * MB], [1000]], ops);
  const driver = slacker() as SlackerDriver;
  const { run, pull } = pullAndRun(driver, image);
  t.is(pull.bytes.bytes_pulled, 2 * 1024, 'a pull moves only the two layers\' snapshot ids');
  // 64 KiB aligned on 4 KiB blocks: 16 data blocks, then 1 inode block.
  t.is(driver.blocksFetched, 17);
  t.is(run.bytes.bytes_fetched, 17 * 4 * KiB);
  t.is(driver.nfsReads, 2);
});

test('reading a range twice in one container fetches it once', (t) => {
  const read: StartupOp = { op: 'read', layer: 0, file: 0, offsetBytes: 0, lengthBytes: 256 * KiB };
  const image = makeImage('twice', [[1 * MB]], [read, read]);
  const driver = slacker() as SlackerDriver;
  pullAndRun(driver, image);
  t.is(driver.blocksFetched, 64);
});

test('snapshot and clone cost do not grow with the image size', (t) => {
  function timings(size: number): { push: number; mount: number } {
    const image = makeImage(`size${size}`, [[size], [1000]], []);
    const tb = testbed();
    const driver = slacker();
    const push = new PhaseReport();
    const run = new PhaseReport();
    driver.seed(tb, tb.worker(1), image);
    tb.sim.process(
      (function* () {
        yield* driver.push(tb, tb.worker(1), image, push);
        yield* driver.pull(tb, tb.worker(0), image, new PhaseReport());
        yield* driver.run(tb, tb.worker(0), image, run);
      })(),
      'cycle',
    );
    tb.sim.run();
    return { push: push.parts.snapshot!, mount: run.parts.mount! };
  }
  const small = timings(1 * MB);
  const large = timings(1000 * MB);
  t.true(small.push > 0 && small.mount > 0);
  t.is(large.push, small.push);
  t.is(large.mount, small.mount);
});

function secondContainerFetches(cacheSharing: boolean): { first: number; second: number } {
  const ops: StartupOp[] = [{ op: 'read', layer: 0, file: 0, offsetBytes: 0, lengthBytes: 2 * MB }];
  const image = makeImage('shared', [[4 * MB]], ops);
  const tb = testbed();
  const driver = slacker({ cacheSharing });
  const first = new PhaseReport();
  const second = new PhaseReport();
  driver.publish(tb, image);
  tb.sim.process(
    (function* () {
      yield* driver.pull(tb, tb.worker(0), image, new PhaseReport());
      yield* driver.run(tb, tb.worker(0), image, first);
      yield* driver.run(tb, tb.worker(0), image, second);
    })(),
    'two containers',
  );
  tb.sim.run();
  return { first: first.bytes.bytes_fetched ?? 0, second: second.bytes.bytes_fetched ?? 0 };
}

test('cache sharing makes the second container of an image read fewer blocks from the server', (t) => {
  const shared = secondContainerFetches(true);
  const private_ = secondContainerFetches(false);
  t.true(shared.first > 0);
  t.is(shared.first, private_.first);
  t.is(private_.second, private_.first, 'without sharing the clone refetches everything');
  t.true(shared.second < private_.second);
  t.is(shared.second, 0);
});

test('writes cost no copy-up with Slacker', (t) => {
  const ops: StartupOp[] = [{ op: 'write', layer: 0, file: 0, offsetBytes: 8 * MB, lengthBytes: 512 }];
  const image = makeImage('cow', [[8 * MB], [1000]], ops);
  const { run } = pullAndRun(slacker(), image);
  t.false('bytes_copied_up' in run.bytes);
  t.true(run.parts.write! < 1e-5);
});
