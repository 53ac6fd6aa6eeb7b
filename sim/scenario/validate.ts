/**
 * Validation of a parsed scenario against a JSON Schema, with errors that
 * point into the YAML file.
 *
 * Schemas may mark a string with `unit: "size" | "rate" | "duration"`; such a
 * value must carry its unit and is converted to bytes, bytes per second or
 * seconds by `convertUnits` once the whole document is known to be valid.
 *
 * Two checks run: `explain` walks the document like a reader and words the
 * first problem; ajv, a complete JSON Schema validator, then guards against
 * any keyword the walk does not know. Both must pass.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from '../errors.ts';
import type { UnitKind } from '../units.ts';
import { formatPath, type Path, type SourceDocument } from './document.ts';
import {
  describeValue,
  expectation,
  explain,
  unitValue,
  type Problem,
  type SchemaNode,
} from './explain.ts';

export type { UnitKind } from '../units.ts';
export type { SchemaNode } from './explain.ts';

const Ajv = AjvModule.default ?? AjvModule;

const cache = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    const ajv = new (Ajv as unknown as typeof AjvModule.default)({
      allErrors: true,
      strict: false,
      // Errors then carry the schema node they failed, which the fallback words.
      verbose: true,
      keywords: [
        {
          keyword: 'unit',
          type: 'string',
          schemaType: 'string',
          validate: function checkUnit(kind: UnitKind, value: string): boolean {
            const result = unitValue(kind, value);
            if (typeof result === 'number') return true;
            (checkUnit as { errors?: unknown[] }).errors = [
              { keyword: 'unit', message: result.expected, params: { kind } },
            ];
            return false;
          },
          errors: true,
        },
      ],
    });
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** Validates `data` (from `source`) against `schema`; throws the most useful error. */
export function validate<T>(source: SourceDocument, data: unknown, schema: object): T {
  const problem = explain(schema as SchemaNode, data);
  if (problem) throw problemError(source, problem);
  const check = compile(schema);
  if (check(data)) return data as T;
  throw problemError(source, fromAjv(data, check.errors ?? []));
}

/** The error for `problem`, placed at its key in the file (or its `--set`). */
export function problemError(source: SourceDocument, problem: Problem): InputError {
  return new InputError(
    '',
    { ...source.locate(problem.path), key: formatPath(problem.path) },
    {
      expected: problem.expected,
      found: problem.found,
    },
  );
}

/** Replaces every unit-carrying string under `schema` by its value in SI units. */
export function convertUnits(
  data: unknown,
  schema: SchemaNode,
  root: SchemaNode = schema,
): unknown {
  const node = resolve(schema, root);
  if (typeof data === 'string' && node.unit) return unitOrThrow(node.unit, data);
  if (Array.isArray(data)) {
    const itemSchema = node.items ?? pickVariant(node, data, root);
    return itemSchema ? data.map((item) => convertUnits(item, itemSchema, root)) : data;
  }
  if (data !== null && typeof data === 'object') {
    const variant = node.properties ? node : pickVariant(node, data, root);
    if (!variant) return data;
    const v = resolve(variant, root);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const extra =
        typeof v.additionalProperties === 'object' ? v.additionalProperties : undefined;
      const child =
        (Object.hasOwn(v.properties ?? {}, key) ? v.properties![key] : undefined) ??
        extra;
      out[key] = child ? convertUnits(value, child, root) : value;
    }
    return out;
  }
  if (node.anyOf && typeof data === 'string') {
    for (const variant of node.anyOf) {
      const v = resolve(variant, root);
      if (!v.unit) continue;
      const value = unitValue(v.unit, data);
      if (typeof value === 'number') return value;
    }
  }
  return data;
}

function unitOrThrow(kind: UnitKind, data: string): number {
  const value = unitValue(kind, data);
  if (typeof value === 'number') return value;
  throw new InputError('', {}, value);
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith('#/$defs/')) return root.$defs?.[node.$ref.slice(8)] ?? node;
  return node;
}

function pickVariant(
  node: SchemaNode,
  data: object,
  root: SchemaNode,
): SchemaNode | undefined {
  for (const raw of node.anyOf ?? []) {
    const v = resolve(raw, root);
    if (Array.isArray(data) && v.items) return v;
    if (!Array.isArray(data) && v.properties) {
      const discriminators = Object.entries(v.properties).filter(
        ([, p]) => p.const !== undefined,
      );
      const record = data as Record<string, unknown>;
      if (discriminators.every(([k, p]) => record[k] === p.const)) return v;
    }
  }
  return undefined;
}

/**
 * Words an ajv error, for the rare case the walk found nothing. Among all
 * errors the deepest tells the user most; union branches are noise.
 */
function fromAjv(data: unknown, errors: ErrorObject[]): Problem {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const pool = useful.length > 0 ? useful : errors;
  let best = pool[0];
  for (const e of pool) if (depth(e) > depth(best!)) best = e;
  if (!best) return { path: [], expected: 'a valid scenario', found: 'something else' };

  const path = best.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const parent = (best.parentSchema ?? {}) as SchemaNode;
  const params = best.params as Record<string, unknown>;
  if (best.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const known = Object.keys(parent.properties ?? {});
    return {
      path: [...path, key],
      expected: known.length > 0 ? `one of the keys ${known.join(', ')}` : 'no keys here',
      found: `the unknown key ${JSON.stringify(key)}`,
    };
  }
  if (best.keyword === 'required') {
    const key = String(params.missingProperty);
    return {
      path: [...path, key],
      expected: `the required key ${key}`,
      found: 'no such key',
    };
  }
  const found = describeValue(valueAt(data, path));
  // The walk words the type; ajv's own words name the rule the walk missed.
  const rule = best.keyword === 'type' || !best.message ? '' : ` that ${best.message}`;
  const expected = best.parentSchema ? `${expectation(parent)}${rule}` : `a value${rule}`;
  return { path, expected, found };
}

function depth(e: ErrorObject): number {
  const base = e.instancePath.split('/').length;
  return e.keyword === 'additionalProperties' || e.keyword === 'required'
    ? base + 1
    : base;
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}
