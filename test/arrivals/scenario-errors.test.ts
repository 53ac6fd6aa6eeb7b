/** Arrival options the schema or the loader refuses, with the key in the message. */
import test from 'ava';
import { parseScenario } from '../../models/scenario/load.ts';
import { InputError } from '../../sim/errors.ts';
import { fixture } from './helpers.ts';

const scenario = (arrivals: string) =>
  parseScenario(
    fixture('inline.yaml'),
    `name: t
drivers: [{ name: aufs, kind: aufs }]
workload: { images: [busybox, redis, python], cycles: [deployment] }
arrivals: ${arrivals}
`,
  );

test('bad arrival options are refused with the key', (t) => {
  const refused = (arrivals: string) =>
    t.throws(() => scenario(arrivals), { instanceOf: InputError })!;
  t.regex(
    refused('{ pattern: azure-functions-2019, file: a.csv, minutes: [5, 2] }').message,
    /arrivals\.minutes/,
  );
  t.regex(
    refused('{ pattern: azure-functions-2019, file: a.csv, minutes: [0, 2] }').message,
    /minutes/,
  );
  t.regex(
    refused('{ pattern: azure-functions-2019, file: a.csv, scale: 0 }').message,
    /scale/,
  );
  t.regex(
    refused('{ pattern: azure-functions-2019, file: a.csv, spread: random }').message,
    /spread/,
  );
  t.regex(
    refused('{ pattern: azure-functions-2019, file: a.csv, max_starts: 0 }').message,
    /max_starts/,
  );
  t.regex(
    refused('{ pattern: ibm-registry, file: a.json, window: [10, 20] }').message,
    /window/,
  );
  t.regex(refused('{ pattern: ibm-registry, file: a.json, speed: 2 }').message, /speed/);
});
