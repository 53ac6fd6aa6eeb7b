/**
 * The published JSON Schema: up to date with the TypeBox schema, usable by a
 * plain JSON Schema validator (what editors run), and agreeing with the unit
 * parser about which unit strings are valid.
 */
import test from 'ava';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { renderSchema, SCHEMA_PATH } from '../../scripts/write-schema.ts';
import {
  parseDurationSec,
  parseRateBytesPerSec,
  parseSizeBytes,
} from '../../sim/units.ts';

const root = new URL('../../', import.meta.url);
const published = readFileSync(new URL(SCHEMA_PATH, root), 'utf8');
const scenarioFiles = readdirSync(new URL('scenarios/', root)).filter((f) =>
  f.endsWith('.yaml'),
);

test('the committed schema file is what `npm run schema` writes', (t) => {
  t.true(published === renderSchema(), `${SCHEMA_PATH} is stale: run \`npm run schema\``);
});

test('rendering is deterministic', (t) => {
  t.is(renderSchema(), renderSchema());
});

test('every scenario file points editors at the schema on its first line', (t) => {
  t.true(scenarioFiles.length >= 2);
  for (const file of scenarioFiles) {
    const first = readFileSync(new URL(`scenarios/${file}`, root), 'utf8').split('\n')[0];
    t.is(first, '# yaml-language-server: $schema=./scenario.schema.json', file);
  }
});

test('a plain draft-07 validator accepts every scenario file with the published schema', (t) => {
  const schema = JSON.parse(published) as Record<string, unknown>;
  t.is(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const file of scenarioFiles) {
    const data = parse(readFileSync(new URL(`scenarios/${file}`, root), 'utf8'));
    t.true(validate(data), `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

test('the published schema refuses a bare number and a misspelt key, as the loader does', (t) => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(published));
  const base = { name: 'x', drivers: [{ name: 'a', kind: 'aufs' }] };
  t.true(validate(base));
  t.false(validate({ ...base, testbed: { workers: { nic: 1000 } } }));
  t.false(validate({ ...base, testbed: { workers: { nic: '1000 furlongs' } } }));
  t.true(validate({ ...base, testbed: { workers: { nic: '10Gbit/s' } } }));
  t.false(validate({ ...base, testbed: { wrokers: {} } }));
});

/** Every node of the published schema that carries a unit. */
function unitNodes(
  node: unknown,
  out: Record<string, unknown>[] = [],
): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => unitNodes(n, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.unit === 'string') out.push(record);
    Object.values(record).forEach((n) => unitNodes(n, out));
  }
  return out;
}

const PARSERS: Record<string, (text: unknown) => number> = {
  size: parseSizeBytes,
  rate: parseRateBytesPerSec,
  duration: parseDurationSec,
};

function parses(kind: string, text: string): boolean {
  try {
    PARSERS[kind]!(text);
    return true;
  } catch {
    return false;
  }
}

test('each unit pattern accepts exactly what the unit parser accepts', (t) => {
  const nodes = unitNodes(JSON.parse(published));
  const kinds = new Map(nodes.map((n) => [n.unit as string, n.pattern as string]));
  t.deepEqual([...kinds.keys()].sort(), ['duration', 'rate', 'size']);
  for (const n of nodes) t.is(n.pattern, kinds.get(n.unit as string));

  // Strings built from the pieces units are made of, so many of them are valid.
  const pick = (...options: string[]) => fc.constantFrom(...options);
  const shaped = fc
    .tuple(
      pick('1', '25', '0.5', '.5', '1e3', '2E-2', '-1', '1.', ''),
      pick('', ' ', '  '),
      pick('', 'k', 'K', 'M', 'Gi', 'Ki', 'm', 'x'),
      pick('B', 'b', 'bit', 'ms', 's', 'min', 'h', 'us', '\u00b5s', 'sec', ''),
      pick('', '', '/s', 'ps', ' ', '/h'),
    )
    .map((parts) => parts.join(''));
  const piece = pick('1', '.', 'e', ' ', 'B', 'bit', '/s', 's', 'M', '-', 'x');
  const loose = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
  const text = fc.oneof(shaped, loose, fc.string({ maxLength: 8 }));
  const pattern = [...kinds].map(
    ([kind, source]) => [kind, new RegExp(source!, 'u')] as const,
  );
  let accepted = 0;
  fc.assert(
    fc.property(text, (s) => {
      for (const [kind, re] of pattern) {
        const ok = parses(kind, s);
        if (ok) accepted++;
        if (re.test(s) !== ok) return false;
      }
      return true;
    }),
    { numRuns: 3000, seed: 20160222 },
  );
  t.true(accepted > 100, `only ${accepted} generated strings were valid units`);
});
