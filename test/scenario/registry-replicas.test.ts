/**
 * `testbed.registry.replicas` and `testbed.registry.selection`: defaults,
 * resolved values, and positioned errors for bad values.
 */
import test from 'ava';
import { parseScenario } from '../../models/scenario/load.ts';
import { InputError } from '../../sim/errors.ts';
import { afterLine, BASE, FILE } from './base.ts';

/** The base scenario with a registry section after `workers` (lines 8-10). */
const withRegistry = (...lines: string[]) => afterLine(7, '  registry:', ...lines);

test('one replica, round-robin, when nothing is said', (t) => {
  const { registry } = parseScenario(FILE, BASE).testbed;
  t.is(registry.replicas, 1);
  t.is(registry.selection, 'round-robin');
});

test('replicas and selection are read from the file and from --set', (t) => {
  const fromFile = parseScenario(FILE, withRegistry('    replicas: 4', '    selection: by-worker'));
  t.is(fromFile.testbed.registry.replicas, 4);
  t.is(fromFile.testbed.registry.selection, 'by-worker');
  const fromSet = parseScenario(FILE, BASE, {
    sets: ['testbed.registry.replicas=3', 'testbed.registry.selection=least-loaded'],
  });
  t.is(fromSet.testbed.registry.replicas, 3);
  t.is(fromSet.testbed.registry.selection, 'least-loaded');
});

test('bad values name the file, line, column and key', (t) => {
  const message = (text: string) =>
    t.throws(() => parseScenario(FILE, text), { instanceOf: InputError })?.message;
  t.is(
    message(withRegistry('    replicas: 0')),
    `${FILE}:9:5: testbed.registry.replicas: expected an integer from 1 to 1000, found 0`,
  );
  t.is(
    message(withRegistry('    replicas: 1.5')),
    `${FILE}:9:5: testbed.registry.replicas: expected an integer from 1 to 1000, found 1.5`,
  );
  t.is(
    message(withRegistry('    replicas: 2', '    selection: random')),
    `${FILE}:10:5: testbed.registry.selection: expected one of "round-robin", "by-worker", ` +
      `"least-loaded", found "random"`,
  );
});
