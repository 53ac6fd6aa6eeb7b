/**
 * Scenario errors read `FILE:LINE:COL: key.path: expected ..., found ...`,
 * point at the right key, and are always our InputError.
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, parseScenario } from '../../models/scenario/load.ts';
import { InputError } from '../../sim/errors.ts';
import { afterLine, BASE, FILE, withLine } from './base.ts';

function errorOf(t: ExecutionContext, text: string, sets?: string[]): string {
  const error = t.throws(() => parseScenario(FILE, text, { sets }), {
    instanceOf: InputError,
  });
  return error?.message ?? '';
}

const RATE = 'a rate with a unit, like "1Gbit/s", "125MB/s" or "10Gbps"';
const SIZE = 'a size with a unit, like "329MB", "4KiB" or "10Gbit"';

test('the base scenario loads, with units converted', (t) => {
  const config = parseScenario(FILE, BASE);
  t.is(config.testbed.workers.count, 4);
  t.is(config.testbed.workers.nicBytesPerSec, 1.25e9);
  t.deepEqual(
    config.drivers.map((d) => d.name),
    ['aufs', 'slacker'],
  );
  const slacker = config.drivers[1]!;
  t.is(slacker.kind === 'slacker' ? slacker.blockSizeBytes : -1, 4096);
  t.deepEqual(config.workload.images, ['busybox', 'redis']);
});

test('a wrong type names the key, its line and column, and the value', (t) => {
  t.is(
    errorOf(t, withLine(6, '    count: ten')),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found "ten"`,
  );
  t.is(
    errorOf(t, withLine(6, '    count: 0')),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found 0`,
  );
  t.is(
    errorOf(t, withLine(6, '    count: 2.5')),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found 2.5`,
  );
  t.is(
    errorOf(t, withLine(6, '    count: 1e400')),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found Infinity`,
  );
  // Counts that size the model's arrays have bounds: a typo is refused, not a crash.
  t.is(
    errorOf(t, withLine(6, '    count: 1e20')),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found 100000000000000000000`,
  );
  t.is(
    errorOf(t, withLine(2, 'seed: -1')),
    `${FILE}:2:1: seed: expected an integer from 0 to 9007199254740991, found -1`,
  );
  t.is(
    errorOf(t, withLine(5, '  workers: [1, 2]').replace(/ {4}(count|nic): .*\n/g, '')),
    `${FILE}:5:3: testbed.workers: expected a mapping of keys to values, found a list`,
  );
  t.is(
    errorOf(t, withLine(5, '  workers:').replace(/ {4}(count|nic): .*\n/g, '')),
    `${FILE}:5:3: testbed.workers: expected a mapping of keys to values, found nothing (an empty value)`,
  );
});

test('an unknown key is named, with the allowed keys and a likely intended one', (t) => {
  const message = errorOf(t, afterLine(6, '    cpus: 4'));
  t.regex(
    message,
    /^scenarios\/x\.yaml:7:5: testbed\.workers\.cpus: expected one of the keys /,
  );
  t.regex(message, /the keys count, cores, memory, nic, disk, /);
  t.regex(message, /, found the unknown key "cpus"$/);

  t.regex(
    errorOf(t, withLine(5, '  wrokers:')),
    /^scenarios\/x\.yaml:5:3: testbed\.wrokers: expected one of the keys preset, workers, .*found the unknown key "wrokers" \(did you mean "workers"\?\)$/,
  );
  t.regex(
    errorOf(t, afterLine(18, 'colour: blue')),
    /^scenarios\/x\.yaml:19:1: colour: expected one of the keys .*name, .*drivers, .*found the unknown key "colour"$/,
  );
});

test('a key valid for one driver kind is unknown for the other', (t) => {
  t.regex(
    errorOf(t, afterLine(10, '    block_size: 4KiB')),
    /^scenarios\/x\.yaml:11:5: drivers\[0\]\.block_size: expected one of the keys kind, name, .*found the unknown key "block_size"$/,
  );
});

test('a missing required key is named, at the mapping that lacks it', (t) => {
  t.regex(
    errorOf(t, withLine(1)),
    /^scenarios\/x\.yaml:1:1: name: expected the required key name( \(.+\))?, found no such key$/,
  );
  t.regex(
    errorOf(t, withLine(9, '  - kind: aufs').replace('    kind: aufs\n', '')),
    /^scenarios\/x\.yaml:9:5: drivers\[0\]\.name: expected the required key name( \(.+\))?, found no such key$/,
  );
  t.regex(
    errorOf(t, withLine(12)),
    /^scenarios\/x\.yaml:11:5: drivers\[1\]\.kind: expected the required key kind \(one of "aufs", "slacker"(, "[^"]+")*\), found no such key$/,
  );
  t.regex(
    errorOf(t, withLine(18, '  pattern: ramp')),
    /^scenarios\/x\.yaml:17:1: arrivals\.over: expected the required key over( \(.+\))?, found no such key$/,
  );
});

test('a bare number where a unit is needed says a unit is required', (t) => {
  t.is(
    errorOf(t, withLine(7, '    nic: 1000')),
    `${FILE}:7:5: testbed.workers.nic: expected ${RATE}, found the bare number 1000 (a unit is required)`,
  );
  t.is(
    errorOf(t, withLine(13, '    block_size: 4096')),
    `${FILE}:13:5: drivers[1].block_size: expected ${SIZE}, found the bare number 4096 (a unit is required)`,
  );
  t.is(
    errorOf(t, withLine(18, '  pattern: ramp', '  over: 30')),
    `${FILE}:19:3: arrivals.over: expected a duration with a unit, like "25ms", "1.5s" or "2min", ` +
      'found the bare number 30 (a unit is required)',
  );
});

test('a bad or mismatched unit is refused with the text found', (t) => {
  t.is(
    errorOf(t, withLine(7, '    nic: 10 furlongs/fortnight')),
    `${FILE}:7:5: testbed.workers.nic: expected ${RATE}, found "10 furlongs/fortnight"`,
  );
  t.is(
    errorOf(t, withLine(7, '    nic: 10GB')),
    `${FILE}:7:5: testbed.workers.nic: expected ${RATE}, found "10GB"`,
  );
  t.is(
    errorOf(t, withLine(13, '    block_size: 4KiB/s')),
    `${FILE}:13:5: drivers[1].block_size: expected ${SIZE}, found "4KiB/s"`,
  );
  t.is(
    errorOf(t, withLine(7, '    nic: -1Gbit/s')),
    `${FILE}:7:5: testbed.workers.nic: expected ${RATE}, found "-1Gbit/s"`,
  );
});

test('zero where a capacity or a divisor is needed is refused', (t) => {
  t.is(
    errorOf(t, withLine(7, '    nic: 0Gbit/s')),
    `${FILE}:7:5: testbed.workers.nic: expected a rate above zero, like "1Gbit/s", found "0Gbit/s"`,
  );
  t.is(
    errorOf(t, withLine(13, '    block_size: 0KiB')),
    `${FILE}:13:5: drivers[1].block_size: expected a size above zero, like "4KiB", found "0KiB"`,
  );
});

test('a YAML syntax error gives the line and column of the mistake', (t) => {
  t.regex(
    errorOf(t, withLine(6, '\tcount: 4')),
    /^scenarios\/x\.yaml:6:1: invalid YAML: Tabs/,
  );
  // The parser notices the unclosed bracket later; the message points where it opened.
  t.regex(
    errorOf(t, withLine(15, '  images: [busybox, redis')),
    /^scenarios\/x\.yaml:15:11: invalid YAML: Flow sequence .*end with a \]$/,
  );
  t.regex(
    errorOf(t, withLine(1, 'name: "x')),
    /^scenarios\/x\.yaml:1:7: invalid YAML: Missing closing "quote$/,
  );
  t.regex(
    errorOf(t, afterLine(6, '    count: 5')),
    /^scenarios\/x\.yaml:7:5: invalid YAML: the key "count" appears twice in one mapping$/,
  );
  t.regex(
    errorOf(t, withLine(11, ' - name: slacker')),
    /^scenarios\/x\.yaml:11:1: invalid YAML: /,
  );
  t.regex(
    errorOf(t, withLine(7, '    nic: 10Gbit/s: x')),
    /^scenarios\/x\.yaml:7:10: invalid YAML: /,
  );
});

test('Windows line endings and a byte-order mark do not shift positions', (t) => {
  const crlf = `\ufeff${withLine(6, '    count: ten').replace(/\n/g, '\r\n')}`;
  t.is(
    errorOf(t, crlf),
    `${FILE}:6:5: testbed.workers.count: expected an integer from 1 to 1000000, found "ten"`,
  );
});

test('a wrong driver kind lists the kinds there are', (t) => {
  t.regex(
    errorOf(t, withLine(10, '    kind: btrfs')),
    /^scenarios\/x\.yaml:10:5: drivers\[0\]\.kind: expected one of "aufs", "slacker"(, "[^"]+")*, found "btrfs"$/,
  );
  t.regex(
    errorOf(t, withLine(10, '    kind: 7')),
    /^scenarios\/x\.yaml:10:5: drivers\[0\]\.kind: expected one of "aufs", .*, found 7$/,
  );
  t.regex(
    errorOf(t, withLine(9, '  - aufs').replace('    kind: aufs\n', '')),
    /^scenarios\/x\.yaml:9:5: drivers\[0\]: expected a mapping with kind: one of "aufs", .*, found "aufs"$/,
  );
});

test('duplicate driver names point at the second one and name the first', (t) => {
  t.is(
    errorOf(t, withLine(11, '  - name: aufs')),
    `${FILE}:11:5: drivers[1].name: expected a name no other driver has (drivers[0] is "aufs"), found "aufs"`,
  );
});

test('values inside flow lists are located at the item', (t) => {
  t.regex(
    errorOf(t, withLine(15, '  images: [busybox, redsi]')),
    /^scenarios\/x\.yaml:15:21: workload\.images\[1\]: expected one of the 57 HelloBench images .*, found "redsi"$/,
  );
  t.is(
    errorOf(t, withLine(16, '  cycles: [deployment, deploy]')),
    `${FILE}:16:24: workload.cycles[1]: expected one of "deployment", "development", found "deploy"`,
  );
  t.is(
    errorOf(t, withLine(16, '  cycles: []')),
    `${FILE}:16:3: workload.cycles: expected a list with at least 1 item, found an empty list`,
  );
});

test('an empty file, a comment-only file, a list and a scalar are not scenarios', (t) => {
  const what = 'expected a scenario: a mapping with at least name and drivers';
  t.is(errorOf(t, ''), `${FILE}: ${what}, found an empty file`);
  t.is(errorOf(t, '# nothing yet\n\n'), `${FILE}: ${what}, found an empty file`);
  t.is(errorOf(t, '- name: x\n'), `${FILE}:1:1: ${what}, found a list`);
  t.is(errorOf(t, 'hello\n'), `${FILE}:1:1: ${what}, found "hello"`);
});

test('a file that does not exist, or is a folder, is named in the error', (t) => {
  const missing = join('scenarios', 'does-not-exist.yaml');
  let error = t.throws(() => loadScenario(missing), { instanceOf: InputError });
  t.is(
    error?.message,
    `${missing}: expected a readable scenario file, found no such file`,
  );
  const folder = mkdtempSync(join(tmpdir(), 'scenario-'));
  error = t.throws(() => loadScenario(folder), { instanceOf: InputError });
  t.is(error?.message, `${folder}: expected a readable scenario file, found a folder`);
  rmSync(folder, { recursive: true });
});

test('a real file is loaded and its errors carry the path as given', (t) => {
  const config = loadScenario('scenarios/smoke.yaml');
  t.is(config.name, 'smoke');
  t.is(config.file, 'scenarios/smoke.yaml');
});

test('YAML aliases: an unknown anchor is an error at the alias; an alias bomb is refused', (t) => {
  t.is(
    errorOf(t, withLine(7, '    nic: *fast')),
    `${FILE}:7:10: expected an alias to an anchor defined above it, found *fast, which names no earlier anchor`,
  );
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++)
    bomb.push(
      `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`,
    );
  const message = errorOf(t, `${bomb.join('\n')}\n${BASE}`);
  t.regex(
    message,
    /^scenarios\/x\.yaml: expected YAML aliases that expand to at most \d+ values/,
  );
  // An alias used sensibly still works.
  const shared = parseScenario(
    FILE,
    withLine(7, '    nic: &nic 10Gbit/s').replace(
      'kind: slacker',
      'kind: slacker\n    max_concurrent_downloads: 2',
    ),
  );
  t.is(shared.testbed.workers.nicBytesPerSec, 1.25e9);
});

test('absurdly deep nesting is refused, not a stack overflow', (t) => {
  const depth = 100_000;
  const message = errorOf(t, `name: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  t.regex(
    message,
    /^scenarios\/x\.yaml:1:\d+: expected YAML nested a reasonable number of levels deep/,
  );
});

test('__proto__ and constructor are unknown keys, and pollute nothing', (t) => {
  t.regex(
    errorOf(t, `${BASE}__proto__: {seed: 5}\n`),
    /^scenarios\/x\.yaml:19:1: __proto__: expected one of the keys /,
  );
  t.regex(
    errorOf(t, BASE, ['constructor.prototype.polluted=1']),
    /^scenarios\/x\.yaml \(--set constructor\.prototype\.polluted=1\): constructor: expected one of the keys /,
  );
  t.is(({} as Record<string, unknown>).seed, undefined);
  t.is(({} as Record<string, unknown>).polluted, undefined);
});

const TESTBED_BODY = '  preset: fast16\n  workers:\n    count: 4\n    nic: 10Gbit/s\n';

test('custom tags, directives and non-plain YAML values are refused, not read as text', (t) => {
  t.is(
    errorOf(t, withLine(1, 'name: !secret x')),
    `${FILE}:1:7: invalid YAML: Unresolved tag: !secret`,
  );
  t.regex(
    errorOf(t, `%FOO bar\n---\n${BASE}`),
    /^scenarios\/x\.yaml:1:1: invalid YAML: Unknown directive %FOO/,
  );
  t.is(
    errorOf(t, withLine(3, 'testbed: !!set {a}').replace(TESTBED_BODY, '')),
    `${FILE}:3:1: testbed: expected a mapping of keys to values, found a set`,
  );
  t.is(
    errorOf(t, withLine(3, 'testbed: !!timestamp 2016-02-22').replace(TESTBED_BODY, '')),
    `${FILE}:3:1: testbed: expected a mapping of keys to values, found a date`,
  );
});
