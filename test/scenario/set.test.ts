/**
 * `--set key.path=value`: overrides are applied before validation, and any
 * problem they cause is reported against the `--set`, not a file line.
 */
import test, { type ExecutionContext } from 'ava';
import { parseScenario } from '../../models/scenario/load.ts';
import { parsePath } from '../../sim/scenario/document.ts';
import { InputError } from '../../sim/errors.ts';
import { BASE, FILE, withLine } from './base.ts';

function load(sets: string[], text = BASE) {
  return parseScenario(FILE, text, { sets });
}

function errorOf(t: ExecutionContext, sets: string[], text = BASE): string {
  return t.throws(() => load(sets, text), { instanceOf: InputError })?.message ?? '';
}

test('an override replaces a value, with units converted', (t) => {
  const config = load(['testbed.workers.count=16', 'testbed.workers.nic=1Gbit/s']);
  t.is(config.testbed.workers.count, 16);
  t.is(config.testbed.workers.nicBytesPerSec, 125e6);
});

test('an override reaches into lists and can replace a whole list', (t) => {
  const config = load(['drivers[1].block_size=8KiB', 'workload.images=[python]']);
  const slacker = config.drivers[1]!;
  t.is(slacker.kind === 'slacker' ? slacker.blockSizeBytes : -1, 8192);
  t.deepEqual(config.workload.images, ['python']);
});

test('an override creates the mappings on its way', (t) => {
  const config = load(['testbed.network.latency=1ms', 'testbed.workers.disk.read=1GB/s']);
  t.is(config.testbed.network.latencySec, 0.001);
  t.is(config.testbed.workers.disk.readBytesPerSec, 1e9);
  const empty = load(
    ['testbed.workers.count=2'],
    withLine(5, '  workers:').replace(/ {4}(count|nic): .*\n/g, ''),
  );
  t.is(empty.testbed.workers.count, 2);
});

test('an override may append one item to a list', (t) => {
  const config = load(['drivers[2]={name: second, kind: aufs}']);
  t.deepEqual(
    config.drivers.map((d) => d.name),
    ['aufs', 'slacker', 'second'],
  );
});

test('later overrides win; the seed option wins over the file', (t) => {
  t.is(load(['seed=5', 'seed=6']).seed, 6);
  t.is(parseScenario(FILE, BASE, { seed: 9 }).seed, 9);
});

test('a bad value names the --set, the key and what was expected', (t) => {
  t.is(
    errorOf(t, ['testbed.workers.count=ten']),
    `${FILE} (--set testbed.workers.count=ten): testbed.workers.count: expected an integer from 1 to 1000000, found "ten"`,
  );
  t.is(
    errorOf(t, ['testbed.workers.nic=1000']),
    `${FILE} (--set testbed.workers.nic=1000): testbed.workers.nic: expected a rate with a unit, ` +
      'like "1Gbit/s", "125MB/s" or "10Gbps", found the bare number 1000 (a unit is required)',
  );
  t.is(
    errorOf(t, ['name=[']),
    `${FILE} (--set name=[): name: expected a YAML value, like 8, 10Gbit/s or [redis, python], found "["`,
  );
});

test('a bad path names the --set and the unknown key', (t) => {
  t.regex(
    errorOf(t, ['testbed.wrkers.count=5']),
    /^scenarios\/x\.yaml \(--set testbed\.wrkers\.count=5\): testbed\.wrkers: expected one of the keys preset, workers, .*found the unknown key "wrkers" \(did you mean "workers"\?\)$/,
  );
  t.is(
    errorOf(t, ['drivers[5].kind=slacker']),
    `${FILE} (--set drivers[5].kind=slacker): drivers[5]: expected an index from 0 to 1 (the list has 2 items), or 2 to add one, found [5]`,
  );
  t.is(
    errorOf(t, ['name.first=x']),
    `${FILE} (--set name.first=x): name: expected a mapping to set first in, found the value "x"`,
  );
  t.is(
    errorOf(t, ['testbed[0]=x']),
    `${FILE} (--set testbed[0]=x): testbed: expected a list to set [0] in, found a mapping`,
  );
});

test('an override that is not key=value, or whose path is malformed, names the --set', (t) => {
  t.is(
    errorOf(t, ['testbed.workers.count']),
    `${FILE} (--set testbed.workers.count): expected key.path=value, found "testbed.workers.count"`,
  );
  t.is(errorOf(t, ['=5']), `${FILE} (--set =5): expected key.path=value, found "=5"`);
  for (const path of [
    'testbed..count',
    '.name',
    'name.',
    '[0]',
    'drivers[x]',
    'drivers[1',
    'a b',
  ]) {
    t.is(
      errorOf(t, [`${path}=1`]),
      `${FILE} (--set ${path}=1): expected a key path like testbed.workers.count or drivers[1].kind, ` +
        `found ${JSON.stringify(path)}`,
    );
  }
});

test('an override that creates an incomplete item is blamed for the missing key', (t) => {
  t.regex(
    errorOf(t, ['drivers[2].kind=aufs']),
    /^scenarios\/x\.yaml \(--set drivers\[2\]\.kind=aufs\): drivers\[2\]\.name: expected the required key name/,
  );
});

test('errors elsewhere in the file keep their line after an override', (t) => {
  const message = errorOf(t, ['testbed.workers.count=8'], withLine(7, '    nic: 1000'));
  t.true(message.startsWith(`${FILE}:7:5: testbed.workers.nic: `), message);
});

test('parsePath reads dotted keys and list indexes', (t) => {
  t.deepEqual(parsePath('testbed.workers.count'), ['testbed', 'workers', 'count']);
  t.deepEqual(parsePath('drivers[1].nfs_read_size'), ['drivers', 1, 'nfs_read_size']);
  t.deepEqual(parsePath('a[0][2]'), ['a', 0, 2]);
  t.deepEqual(parsePath('$schema'), ['$schema']);
});
