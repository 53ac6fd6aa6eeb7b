/**
 * Arrivals inside scenarios: the schema entries and their defaults, and
 * crowd runs that start containers where and when the arrivals say, the same
 * starts for every driver.
 */
import test from 'ava';
import { crowdArrivals } from '../../models/arrivals/index.ts';
import { hashedImage } from '../../models/arrivals/image-hash.ts';
import { runScenario, runScenarioFile } from '../../models/pipeline.ts';
import { parseScenario } from '../../models/scenario/load.ts';
import { InputError } from '../../sim/errors.ts';
import { fixture } from './helpers.ts';

// Not a real file: it makes relative paths resolve beside the fixtures.
const SCENARIO = fixture('inline.yaml');

const scenario = (arrivals: string, workers = 3) =>
  parseScenario(
    SCENARIO,
    `name: t
seed: 3
testbed: { workers: { count: ${workers} } }
drivers: [{ name: aufs, kind: aufs }, { name: slacker, kind: slacker }]
workload: { images: [busybox, redis, python], cycles: [deployment] }
arrivals: ${arrivals}
`,
  );

test('azure-functions-2019 in a scenario: defaults and the resolved path', (t) => {
  const config = scenario('{ pattern: azure-functions-2019, file: azure-tiny.csv }');
  t.deepEqual(config.arrivals, {
    pattern: 'azure-functions-2019',
    file: fixture('azure-tiny.csv'),
    minutes: undefined,
    functions: undefined,
    triggers: undefined,
    scale: 1,
    spread: 'uniform',
    maxStarts: 1_000_000,
  });
  const ibm = scenario(
    '{ pattern: ibm-registry, file: ibm-tiny.json, window: [1s, 1min], max_starts: 5 }',
  );
  t.deepEqual(ibm.arrivals, {
    pattern: 'ibm-registry',
    file: fixture('ibm-tiny.json'),
    windowSec: [1, 60],
    maxStarts: 5,
  });
});

test('a crowd replays the Azure starts with their images, identically for both drivers', (t) => {
  // azure-tiny.csv, minutes 2-4, even spread: 10 starts (see azure-functions.test.ts).
  const config = scenario(
    '{ pattern: azure-functions-2019, file: azure-tiny.csv, minutes: [2, 4], spread: even }',
  );
  const { arrivals } = crowdArrivals(config, ['busybox', 'redis', 'python']);
  const result = runScenario(config);
  for (const driver of ['aufs', 'slacker']) {
    const records = result.records.filter((r) => r.driver === driver);
    t.deepEqual(
      records.map((r) => [r.startSec, r.image]).sort(),
      arrivals.map((a) => [a.startSec, a.image]).sort(),
      driver,
    );
    t.true(records.every((r) => r.readySec > r.startSec));
  }
  t.deepEqual(
    new Set(arrivals.map((a) => a.image)),
    new Set([
      hashedImage('appA', ['busybox', 'redis', 'python']),
      hashedImage('appB', ['busybox', 'redis', 'python']),
    ]),
  );
});

test('a CSV start list places named images and round-robins the rest', (t) => {
  // starts.csv in time order: 0 s (no image: container 0 gets busybox),
  // 0.5 s redis, 2 s busybox.
  const result = runScenario(scenario('{ pattern: csv, file: starts.csv }'));
  const aufs = result.records.filter((r) => r.driver === 'aufs');
  t.deepEqual(
    aufs.map((r) => [r.startSec, r.image, r.worker]),
    [
      [0, 'busybox', 'worker0'],
      [0.5, 'redis', 'worker1'],
      [2, 'busybox', 'worker2'],
    ],
  );
});

test('a missing trace file is an InputError naming it', (t) => {
  const config = scenario('{ pattern: ibm-registry, file: no-such.json }');
  const error = t.throws(() => runScenario(config), { instanceOf: InputError })!;
  t.is(error.where.file, fixture('no-such.json'));
});

test('scenarios/flash-azure.yaml: 157 starts per driver, same times for AUFS and Slacker', (t) => {
  const path = fixture('../../flash-azure.yaml');
  const result = runScenarioFile(path);
  const times = (driver: string) =>
    result.records
      .filter((r) => r.driver === driver)
      .map((r) => r.startSec)
      .sort((a, b) => a - b);
  t.is(times('aufs').length, 157);
  t.deepEqual(times('slacker'), times('aufs'));
  t.true(times('aufs').every((s) => s >= 0 && s < 180));
});
