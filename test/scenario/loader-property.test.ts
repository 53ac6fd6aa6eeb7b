/**
 * The loader under random damage: keys deleted, values replaced by anything,
 * unknown keys added, the YAML text cut and spliced, random `--set`s, and
 * random text. Every case either loads into a config whose numbers are
 * finite and non-negative, or throws our InputError naming the file; never
 * another exception, never a hang.
 */
import test from 'ava';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../../models/scenario/load.ts';
import { formatPath } from '../../sim/scenario/document.ts';
import { InputError } from '../../sim/errors.ts';
import { BASE } from './base.ts';

const FILE = 'scenarios/fuzz.yaml';
const RUNS = 10_000;
// Generous: the suite shares the machine; a real hang would take far longer.
const SLOWEST_CASE_MS = 5000;

type Json = unknown;
type Path = (string | number)[];

const base = parse(BASE) as Record<string, Json>;

/** Every path in `value`: keys of mappings and indexes of lists, parents first. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}
const PATHS = pathsOf(base);

const KEYS = [
  'name',
  'seed',
  'testbed',
  'workers',
  'count',
  'nic',
  'disk',
  'read',
  'drivers',
  'kind',
  'block_size',
  'workload',
  'images',
  'cycles',
  'arrivals',
  'pattern',
  'over',
  'rate',
  'caches',
  'capacity',
  'policy',
  'limits',
  'events',
  '__proto__',
  'constructor',
  'toString',
];
const WORDS = [
  'aufs',
  'slacker',
  'fast16',
  'all',
  'isolated',
  'at_once',
  'ramp',
  'poisson',
  'csv',
  'deployment',
  'development',
  'redis',
  'busybox',
  'lru',
  'hellobench',
];
const UNITS = [
  '10Gbit/s',
  '125MB/s',
  '0B',
  '4KiB',
  '25ms',
  '2min',
  '0s',
  '1e400GB',
  '-1MB',
  '1000',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...WORDS, ...UNITS, ...KEYS),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, 1, -1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -0),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom(...KEYS), scalar, { maxKeys: 3 }),
  },
);

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'add'; at: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
    value,
  }),
);

function apply(doc: Record<string, Json>, m: Mutation): void {
  const paths = pathsOf(doc);
  if (paths.length === 0) return;
  const path = paths[m.at % paths.length]!;
  const parent = path.slice(0, -1).reduce<any>((node, k) => node[k], doc);
  const last = path[path.length - 1]!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.op === 'replace') {
    parent[last] = m.value;
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      Object.defineProperty(target, m.key, {
        value: m.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
  }
}

/** Cut-and-splice edits of the YAML text, with the characters YAML cares about. */
const textEdit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(
    fc.constantFrom(
      ':',
      '-',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '&a',
      '*a',
      '!!str',
      '#',
      '|',
      '>',
      '\n',
      '\t',
      ' ',
      '  ',
      ',',
      '?',
      '%',
      '@',
      'x',
      '1',
      '\ufeff',
      '<<',
      '!!set ',
      '!!binary ',
      '!!timestamp ',
      '!!omap ',
      '!x ',
    ),
    { maxLength: 4 },
  ),
});

const assignment = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...PATHS.map(formatPath)),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('drivers[9].kind', 'testbed.workers.nic.x', 'seed[0]', '', 'a..b'),
    ),
    fc.oneof(
      fc.constantFrom(...WORDS, ...UNITS, '[redis]', '{a: 1}', '[', '', '"x'),
      fc.string({ maxLength: 8 }),
    ),
  )
  .map(([path, text]) => `${path}=${text}`);

const scenarioCase = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      sets: fc.array(assignment, { maxLength: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('spliced' as const),
      edits: fc.array(textEdit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sets' as const),
      sets: fc.array(assignment, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      text: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
      ),
    }),
  },
);

type Case = typeof scenarioCase extends fc.Arbitrary<infer C> ? C : never;

function materialise(c: Case): { text: string; sets: string[] } {
  switch (c.kind) {
    case 'mutated': {
      const doc = structuredClone(base);
      for (const m of c.mutations) apply(doc, m);
      return { text: stringify(doc), sets: c.sets };
    }
    case 'spliced': {
      let text = BASE;
      for (const e of c.edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
      }
      return { text, sets: [] };
    }
    case 'sets':
      return { text: BASE, sets: c.sets };
    case 'random':
      return { text: c.text, sets: [] };
  }
}

/** True when every number in `value` is finite and not negative. */
function numbersSane(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  if (value && typeof value === 'object') return Object.values(value).every(numbersSane);
  return true;
}

test(`random damage to a scenario loads or gives a located InputError (${RUNS} runs)`, (t) => {
  const outcomes = { loaded: 0, refused: 0 };
  let slowestMs = 0;
  fc.assert(
    fc.property(scenarioCase, (c) => {
      const { text, sets } = materialise(c);
      const started = performance.now();
      try {
        const config = parseScenario(FILE, text, { sets });
        outcomes.loaded++;
        if (!numbersSane(config))
          throw new Error(`loaded with a bad number: ${JSON.stringify(config)}`);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        if (!error.message.startsWith(FILE))
          throw new Error(`no file name in: ${error.message}`);
        outcomes.refused++;
      } finally {
        slowestMs = Math.max(slowestMs, performance.now() - started);
      }
    }),
    { numRuns: RUNS, seed: 0x10ad },
  );
  t.is(outcomes.loaded + outcomes.refused, RUNS);
  t.true(outcomes.loaded > RUNS / 20, `only ${outcomes.loaded} loaded`);
  t.true(outcomes.refused > RUNS / 2, `only ${outcomes.refused} refused`);
  t.true(slowestMs < SLOWEST_CASE_MS, `slowest case took ${slowestMs.toFixed(0)} ms`);
  t.log(
    `${outcomes.loaded} loaded, ${outcomes.refused} refused, slowest ${slowestMs.toFixed(1)} ms`,
  );
});
