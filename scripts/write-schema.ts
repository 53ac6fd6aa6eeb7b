/**
 * Publishes the scenario schema for editors: `npm run schema` writes
 * `scenarios/scenario.schema.json` from models/scenario/schema.ts, the one
 * place that defines what a scenario may contain.
 *
 * A YAML file whose first line is
 * `# yaml-language-server: $schema=./scenario.schema.json` then gets key
 * completion, descriptions on hover, and checks, units included: each value
 * with a unit also carries the `pattern` the unit parser accepts, because
 * editors do not know our `unit` keyword. A test fails when the committed
 * file differs from what this script writes.
 */
import { fileURLToPath } from 'node:url';
import { ScenarioSchema } from '../models/scenario/schema.ts';
import { writeFileAtomic } from '../sim/output/atomic.ts';
import { unitExpectation, unitPattern, type UnitKind } from '../sim/units.ts';

/** Where the published schema lives, relative to the repository root. */
export const SCHEMA_PATH = 'scenarios/scenario.schema.json';

const DIALECT = 'http://json-schema.org/draft-07/schema#';

/** The published schema as text: stable key order, two-space indent, final newline. */
export function renderSchema(): string {
  const plain = JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>;
  const published = {
    $schema: DIALECT,
    ...(forEditors(plain) as Record<string, unknown>),
  };
  return `${JSON.stringify(canonical(published), null, 2)}\n`;
}

/** Adds a `pattern` and a hint to every value with a unit. */
function forEditors(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forEditors);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = forEditors(value);
  const kind = out.unit as UnitKind | undefined;
  if (kind === 'size' || kind === 'rate' || kind === 'duration') {
    out.pattern = unitPattern(kind);
    out.errorMessage = `${unitExpectation(kind)} (a bare number is not enough)`;
  }
  return out;
}

/**
 * Sorts keywords alphabetically so the file does not change with TypeBox's
 * internal order, but keeps the keys of `properties` in the order the schema
 * declares them: that order is meaningful to a reader and to completion lists.
 */
function canonical(node: unknown, keepOrder = false): unknown {
  if (Array.isArray(node)) return node.map((item) => canonical(item));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const declared = !keepOrder && (key === 'properties' || key === 'patternProperties');
    out[key] = canonical(value, declared);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  writeFileAtomic(`${root}${SCHEMA_PATH}`, renderSchema());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
