/**
 * Property tests of the trace importers, 10,000 generated cases each.
 *
 * - Random valid files: the import succeeds, every start is finite, >= 0,
 *   inside the replayed span and in ascending order, and the number of
 *   starts per image equals a reference computed here from the generated
 *   counts or records (or the import refuses with the max_starts error
 *   exactly when the reference total is over the cap).
 * - Mutated files (valid ones with pieces inserted or overwritten): either
 *   the import succeeds with the same invariants, or it throws InputError
 *   naming the file; never another exception.
 */
import test from 'ava';
import fc from 'fast-check';
import {
  readAzureFunctions,
  type AzureFunctionsOptions,
} from '../../models/arrivals/azure-functions.ts';
import { readIbmRegistry } from '../../models/arrivals/ibm-registry.ts';
import { hashedImage } from '../../models/arrivals/image-hash.ts';
import { readStartList } from '../../models/arrivals/start-list.ts';
import { stringSource } from '../../models/arrivals/text-source.ts';
import type { ArrivalList } from '../../models/arrivals/arrival.ts';
import { RandomStreams } from '../../sim/engine/random.ts';
import {
  brokenInvariant,
  expectInputError,
  IMAGES,
  mutate,
  perImage,
} from './helpers.ts';

const RUNS = 10_000;
const TRIGGERS = ['http', 'timer', 'queue', 'event'];
const editsArb = (pieces: string[]) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.boolean()), {
    minLength: 1,
    maxLength: 3,
  });
const orUndefined = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

// ---------------------------------------------------------------- Azure

interface AzureCase {
  minuteColumns: number;
  rows: { owner: string; app: string; fn: string; trigger: string; counts: number[] }[];
  options: AzureFunctionsOptions;
  crlf: boolean;
  finalNewline: boolean;
  chunkChars: number;
  seed: number;
}

const hashArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', '0', '1', 'f'),
  minLength: 1,
  maxLength: 4,
});
const countArb = fc.oneof(fc.constant(0), fc.nat(6), fc.nat(40));

const azureCaseArb: fc.Arbitrary<AzureCase> = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc.record({
    minuteColumns: fc.constant(k),
    rows: fc.array(
      fc.record({
        owner: hashArb,
        app: hashArb,
        fn: hashArb,
        trigger: fc.constantFrom(...TRIGGERS),
        counts: fc.array(countArb, { minLength: k, maxLength: k }),
      }),
      { maxLength: 6 },
    ),
    options: fc.record({
      minutes: orUndefined(
        fc
          .tuple(fc.integer({ min: 1, max: k }), fc.integer({ min: 1, max: k }))
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
      ),
      functions: orUndefined(fc.integer({ min: 1, max: 7 })),
      triggers: orUndefined(fc.subarray(TRIGGERS, { minLength: 1 })),
      scale: fc.oneof(
        fc.constantFrom(0.1, 0.5, 1, 1.5, 3),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
      ),
      spread: fc.constantFrom('uniform' as const, 'even' as const),
      maxStarts: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constant(1_000_000)),
    }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    chunkChars: fc.integer({ min: 1, max: 64 }),
    seed: fc.nat(),
  }),
);

function azureText(c: AzureCase): string {
  const header = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'];
  for (let m = 1; m <= c.minuteColumns; m++) header.push(String(m));
  const lines = [
    header.join(','),
    ...c.rows.map((r) => [r.owner, r.app, r.fn, r.trigger, ...r.counts].join(',')),
  ];
  const eol = c.crlf ? '\r\n' : '\n';
  return lines.join(eol) + (c.finalNewline ? eol : '');
}

/** Per-image start counts the options should give, from the generated counts. */
function azureReference(c: AzureCase): {
  total: number;
  perImage: Record<string, number>;
} {
  const [from, to] = c.options.minutes ?? [1, c.minuteColumns];
  let chosen = c.rows
    .map((r, i) => ({
      ...r,
      line: i + 2,
      total: r.counts.slice(from - 1, to).reduce((a, b) => a + b, 0),
    }))
    .filter((f) => !c.options.triggers || c.options.triggers.includes(f.trigger));
  if (c.options.functions !== undefined) {
    chosen = chosen
      .filter((f) => f.total > 0)
      .sort((a, b) => b.total - a.total || a.line - b.line)
      .slice(0, c.options.functions);
  }
  const out: Record<string, number> = {};
  let total = 0;
  for (const f of chosen) {
    const starts = Math.round(c.options.scale * f.total);
    if (starts === 0) continue;
    total += starts;
    const image = hashedImage(f.app, IMAGES);
    out[image] = (out[image] ?? 0) + starts;
  }
  return { total, perImage: out };
}

const importAzure = (name: string, text: string, c: AzureCase) =>
  readAzureFunctions(
    stringSource(name, text, c.chunkChars),
    c.options,
    IMAGES,
    new RandomStreams(c.seed).stream('arrivals'),
  );

test(`Azure: random files give the reference starts per image (${RUNS} runs)`, (t) => {
  let capped = 0;
  fc.assert(
    fc.property(azureCaseArb, (c) => {
      const expected = azureReference(c);
      const [from, to] = c.options.minutes ?? [1, c.minuteColumns];
      let list: ArrivalList;
      try {
        list = importAzure('random.csv', azureText(c), c);
      } catch (error) {
        const e = expectInputError(error, 'random.csv');
        if (e.where.key !== 'max_starts' || expected.total <= c.options.maxStarts)
          throw e;
        capped += 1;
        return;
      }
      if (expected.total > c.options.maxStarts)
        throw new Error(`${expected.total} starts passed the cap`);
      const broken = brokenInvariant(list, IMAGES, (to - from + 1) * 60);
      if (broken) throw new Error(broken);
      if (list.arrivals.length !== expected.total)
        throw new Error(`${list.arrivals.length} starts, expected ${expected.total}`);
      if (
        JSON.stringify(sortKeys(perImage(list))) !==
        JSON.stringify(sortKeys(expected.perImage))
      ) {
        throw new Error(
          `per image ${JSON.stringify(perImage(list))}, expected ${JSON.stringify(expected.perImage)}`,
        );
      }
    }),
    { numRuns: RUNS, seed: 2019 },
  );
  t.log(`${RUNS} cases, ${capped} over max_starts`);
  t.true(capped > 0 && capped < RUNS / 2, 'both outcomes occur');
});

const AZURE_PIECES = [
  ',',
  '\n',
  '\r\n',
  '-1',
  'x',
  '1e3',
  '00',
  ' ',
  '"',
  '9999999999999999',
  '1.5',
  'HashApp',
  '\u0000',
  'é',
  '',
];

test(`Azure: mutated files import or raise InputError naming the file (${RUNS} runs)`, (t) => {
  let refused = 0;
  fc.assert(
    fc.property(azureCaseArb, editsArb(AZURE_PIECES), (c, edits) => {
      const text = mutate(azureText(c), edits);
      try {
        const list = importAzure('mutated.csv', text, c);
        const broken = brokenInvariant(list, IMAGES, 1440 * 60);
        if (broken) throw new Error(broken);
        if (list.arrivals.length > c.options.maxStarts)
          throw new Error('more starts than max_starts');
      } catch (error) {
        expectInputError(error, 'mutated.csv');
        refused += 1;
      }
    }),
    { numRuns: RUNS, seed: 2020 },
  );
  t.log(`${RUNS} cases, ${refused} refused with InputError`);
  t.true(refused > RUNS / 10 && refused < RUNS, 'both outcomes occur');
});

// ---------------------------------------------------------------- IBM

const BASE_MS = Date.UTC(2017, 5, 20);
const REPOS = ['redis', 'library/busybox', 'python', 'team/app', 'x/y/z', 'nginx'];

interface IbmRecordCase {
  offsetMs: number;
  zoneMin: number;
  millis: boolean;
  method: string;
  kind: 'manifests' | 'blobs' | 'other';
  repo: string;
  written: number | undefined;
  nested: boolean;
}

const ibmRecordArb: fc.Arbitrary<IbmRecordCase> = fc.record({
  offsetMs: fc.integer({ min: 0, max: 3_600_000 }),
  zoneMin: fc.constantFrom(0, 0, 60, -330),
  millis: fc.boolean(),
  method: fc.constantFrom('GET', 'GET', 'GET', 'PUT', 'HEAD', 'PATCH', 'get'),
  kind: fc.constantFrom(
    'manifests' as const,
    'manifests' as const,
    'blobs' as const,
    'other' as const,
  ),
  repo: fc.constantFrom(...REPOS),
  written: fc.oneof(fc.constant(undefined), fc.constant(0), fc.nat(10_000_000)),
  nested: fc.boolean(),
});

interface IbmCase {
  records: IbmRecordCase[];
  window: [number, number] | undefined;
  maxStarts: number;
  indent: number;
  chunkChars: number;
}

const ibmCaseArb: fc.Arbitrary<IbmCase> = fc.record({
  records: fc.array(ibmRecordArb, { maxLength: 12 }),
  // Bounds half a millisecond off the records' millisecond grid: no record sits on one.
  window: orUndefined(
    fc
      .tuple(fc.nat(3_600_000), fc.nat(3_600_000))
      .map(
        ([a, b]) =>
          [(Math.min(a, b) + 0.5) / 1000, (Math.max(a, b) + 0.5) / 1000] as [
            number,
            number,
          ],
      ),
  ),
  maxStarts: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(1_000_000)),
  indent: fc.constantFrom(0, 1, 2),
  chunkChars: fc.integer({ min: 1, max: 200 }),
});

function timestamp(r: IbmRecordCase): string {
  const ms = BASE_MS + r.offsetMs - (r.millis ? 0 : r.offsetMs % 1000);
  const local = new Date(ms + r.zoneMin * 60_000)
    .toISOString()
    .slice(0, r.millis ? 23 : 19);
  if (r.zoneMin === 0) return `${local}Z`;
  const abs = Math.abs(r.zoneMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${r.zoneMin < 0 ? '-' : '+'}${hh}:${mm}`;
}

function ibmText(c: IbmCase): string {
  const records = c.records.map((r) => {
    const uri = r.kind === 'other' ? 'v2/_catalog' : `v2/${r.repo}/${r.kind}/sha256:0f`;
    const fields: Record<string, unknown> = {
      timestamp: timestamp(r),
      'http.request.method': r.method,
      'http.request.uri': uri,
      'http.request.duration': 0.01,
      'http.request.remoteaddr': 'c',
    };
    if (r.written !== undefined) fields['http.response.written'] = r.written;
    if (!r.nested) return fields;
    return {
      timestamp: fields.timestamp,
      http: {
        request: { method: r.method, uri },
        response: r.written === undefined ? {} : { written: r.written },
      },
    };
  });
  return JSON.stringify(records, null, c.indent || undefined);
}

function imageOfRepo(repo: string): string {
  const bare = repo.replace(/^library\//, '');
  return (IMAGES as readonly string[]).includes(repo)
    ? repo
    : (IMAGES as readonly string[]).includes(bare)
      ? bare
      : hashedImage(repo, IMAGES);
}

/** The expected starts, with Date.parse as an independent clock; undefined: over the cap. */
function ibmReference(c: IbmCase): { startSec: number; image: string }[] | undefined {
  const times = c.records.map((r) => Date.parse(timestamp(r)) / 1000);
  const origin = Math.min(...times);
  const pulls = c.records
    .map((r, i) => ({ r, sec: times[i]! - origin }))
    .filter(
      ({ r }) =>
        r.method.toUpperCase() === 'GET' && r.kind === 'manifests' && r.written !== 0,
    );
  if (pulls.length > c.maxStarts) return undefined;
  const [from, to] = c.window ?? [0, Infinity];
  return pulls
    .filter(({ sec }) => sec >= from && sec <= to)
    .map(({ r, sec }) => ({ startSec: sec - from, image: imageOfRepo(r.repo) }))
    .sort((a, b) => a.startSec - b.startSec);
}

const importIbm = (name: string, text: string, c: IbmCase) =>
  readIbmRegistry(
    stringSource(name, text, c.chunkChars),
    { windowSec: c.window, maxStarts: c.maxStarts },
    IMAGES,
  );

test(`IBM: random traces give the reference starts (${RUNS} runs)`, (t) => {
  let capped = 0;
  fc.assert(
    fc.property(ibmCaseArb, (c) => {
      const expected = ibmReference(c);
      let list: ArrivalList;
      try {
        list = importIbm('random.json', ibmText(c), c);
      } catch (error) {
        const e = expectInputError(error, 'random.json');
        if (e.where.key !== 'max_starts' || expected !== undefined) throw e;
        capped += 1;
        return;
      }
      if (expected === undefined) throw new Error('passed the cap');
      const broken = brokenInvariant(list, IMAGES);
      if (broken) throw new Error(broken);
      if (list.arrivals.length !== expected.length)
        throw new Error(`${list.arrivals.length} starts, expected ${expected.length}`);
      list.arrivals.forEach((a, i) => {
        const e = expected[i]!;
        if (Math.abs(a.startSec - e.startSec) > 1e-6 || a.image !== e.image) {
          throw new Error(
            `start ${i}: ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`,
          );
        }
      });
    }),
    { numRuns: RUNS, seed: 2018 },
  );
  t.log(`${RUNS} cases, ${capped} over max_starts`);
  t.true(capped > 0 && capped < RUNS / 2, 'both outcomes occur');
});

const JSON_PIECES = [
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  '\\',
  ':',
  'null',
  '-1',
  '1e999',
  '"GET"',
  '"PUT"',
  'manifests',
  '/',
  '\n',
  'Z',
  '+',
  ' ',
  'T',
  '{"a":[[[',
];

test(`IBM: mutated traces import or raise InputError naming the file (${RUNS} runs)`, (t) => {
  let refused = 0;
  fc.assert(
    fc.property(ibmCaseArb, editsArb(JSON_PIECES), (c, edits) => {
      const text = mutate(ibmText(c), edits);
      try {
        const list = importIbm('mutated.json', text, c);
        const broken = brokenInvariant(list, IMAGES);
        if (broken) throw new Error(broken);
        if (list.arrivals.length > c.maxStarts)
          throw new Error('more starts than max_starts');
      } catch (error) {
        expectInputError(error, 'mutated.json');
        refused += 1;
      }
    }),
    { numRuns: RUNS, seed: 2021 },
  );
  t.log(`${RUNS} cases, ${refused} refused with InputError`);
  t.true(refused > RUNS / 10 && refused < RUNS, 'both outcomes occur');
});

// ---------------------------------------------------------------- CSV start list

test(`start list: mutated files import or raise InputError naming the file (${RUNS} runs)`, (t) => {
  let refused = 0;
  const rowArb = fc.tuple(
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom('', ...IMAGES),
  );
  fc.assert(
    fc.property(
      fc.array(rowArb, { maxLength: 8 }),
      editsArb([',', '\n', '-', 'x', 'e', '.', ' ', 'nginx', 'image', '']),
      (rows, edits) => {
        const text = mutate(
          ['start_s,image', ...rows.map(([s, image]) => `${s},${image}`)].join('\n'),
          edits,
        );
        try {
          const broken = brokenInvariant(
            readStartList(stringSource('mutated.csv', text, 7), IMAGES),
            IMAGES,
          );
          if (broken) throw new Error(broken);
        } catch (error) {
          expectInputError(error, 'mutated.csv');
          refused += 1;
        }
      },
    ),
    { numRuns: RUNS, seed: 2022 },
  );
  t.log(`${RUNS} cases, ${refused} refused with InputError`);
  t.true(refused > RUNS / 10 && refused < RUNS, 'both outcomes occur');
});

function sortKeys(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
