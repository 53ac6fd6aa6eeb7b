/**
 * Validation of a parsed scenario against a JSON Schema, with errors that
 * point into the YAML file.
 *
 * Schemas may mark a string with `unit: "size" | "rate" | "duration"`; such a
 * value must carry its unit and is converted to bytes, bytes per second or
 * seconds by `convertUnits` once the whole document is known to be valid.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from '../errors.ts';
import { parseDurationSec, parseRateBytesPerSec, parseSizeBytes } from '../units.ts';
import { formatPath, type Path, type SourceDocument } from './document.ts';

const Ajv = AjvModule.default ?? AjvModule;

export type UnitKind = 'size' | 'rate' | 'duration';

const PARSERS: Record<UnitKind, (text: unknown) => number> = {
  size: parseSizeBytes,
  rate: parseRateBytesPerSec,
  duration: parseDurationSec,
};

const cache = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    const ajv = new (Ajv as unknown as typeof AjvModule.default)({
      allErrors: true,
      strict: false,
      keywords: [
        {
          keyword: 'unit',
          type: 'string',
          schemaType: 'string',
          validate: function checkUnit(kind: UnitKind, value: string): boolean {
            try {
              PARSERS[kind](value);
              return true;
            } catch (error) {
              (checkUnit as { errors?: unknown[] }).errors = [
                { keyword: 'unit', message: (error as InputError).expected, params: { kind } },
              ];
              return false;
            }
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
  const check = compile(schema);
  if (check(data)) return data as T;
  const error = pickError(check.errors ?? []);
  throw toInputError(source, data, error);
}

/** Replaces every unit-carrying string under `schema` by its value in SI units. */
export function convertUnits(data: unknown, schema: SchemaNode, root: SchemaNode = schema): unknown {
  const node = resolve(schema, root);
  if (typeof data === 'string' && node.unit) return PARSERS[node.unit](data);
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
      const child = v.properties?.[key] ?? (typeof v.additionalProperties === 'object' ? v.additionalProperties : undefined);
      out[key] = child ? convertUnits(value, child, root) : value;
    }
    return out;
  }
  if (node.anyOf && typeof data === 'string') {
    for (const variant of node.anyOf) {
      const v = resolve(variant, root);
      if (v.unit) {
        try {
          return PARSERS[v.unit](data);
        } catch {
          // try the next variant
        }
      }
    }
  }
  return data;
}

export interface SchemaNode {
  unit?: UnitKind;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  const?: unknown;
  required?: string[];
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith('#/$defs/')) return root.$defs?.[node.$ref.slice(8)] ?? node;
  return node;
}

function pickVariant(node: SchemaNode, data: object, root: SchemaNode): SchemaNode | undefined {
  for (const raw of node.anyOf ?? []) {
    const v = resolve(raw, root);
    if (Array.isArray(data) && v.items) return v;
    if (!Array.isArray(data) && v.properties) {
      const discriminators = Object.entries(v.properties).filter(([, p]) => p.const !== undefined);
      const fits = discriminators.every(([k, p]) => (data as Record<string, unknown>)[k] === p.const);
      if (fits) return v;
    }
  }
  return undefined;
}

/** Among all errors, the deepest one tells the user most; union branches are noise. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const pool = useful.length > 0 ? useful : errors;
  let best = pool[0]!;
  for (const e of pool) {
    if (depth(e) > depth(best)) best = e;
  }
  return best;
}

function depth(e: ErrorObject): number {
  const base = e.instancePath.split('/').length;
  return e.keyword === 'additionalProperties' || e.keyword === 'required' ? base + 1 : base;
}

function toInputError(source: SourceDocument, data: unknown, e: ErrorObject): InputError {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const value = valueAt(data, path);
  const found = describeValue(value);
  let expected: string;
  let at: Path = path;
  let key = formatPath(path);
  let problem = '';
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      at = [...path, extra];
      key = formatPath(at);
      problem = 'unknown key';
      const known = Object.keys((e.parentSchema as SchemaNode).properties ?? {});
      expected = known.length ? `one of: ${known.join(', ')}` : 'no keys here';
      return new InputError(problem, { ...source.locate(at), key }, { expected, found: JSON.stringify(extra) });
    }
    case 'required':
      expected = `the key "${(e.params as { missingProperty: string }).missingProperty}"`;
      return new InputError('missing key', { ...source.locate(at), key }, { expected, found: 'no such key' });
    case 'unit':
      expected = e.message ?? 'a value with a unit';
      break;
    case 'type':
      expected = typeName((e.params as { type: string }).type, e.parentSchema as SchemaNode & { minimum?: number; exclusiveMinimum?: number });
      break;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      expected = `a number ${e.message ?? ''}`.trim();
      if ((e.parentSchema as { type?: string }).type === 'integer') expected = expected.replace('a number', 'an integer');
      if (e.keyword === 'minimum' && (e.params as { limit: number }).limit === 1 && (e.parentSchema as { type?: string }).type === 'integer') expected = 'a positive integer';
      break;
    case 'enum':
      expected = `one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      expected = JSON.stringify((e.params as { allowedValue: unknown }).allowedValue);
      break;
    case 'minItems':
      expected = `a list with at least ${(e.params as { limit: number }).limit} item(s)`;
      break;
    case 'pattern':
      expected = `a string matching ${(e.params as { pattern: string }).pattern}`;
      break;
    default:
      expected = e.message ?? 'a valid value';
  }
  return new InputError(problem, { ...source.locate(at), key }, { expected, found });
}

function typeName(type: string, schema: { minimum?: number; exclusiveMinimum?: number; unit?: string }): string {
  if (schema.unit) return `a ${schema.unit} with a unit`;
  if (type === 'integer') return schema.minimum === 1 ? 'a positive integer' : 'an integer';
  if (type === 'number') return 'a number';
  if (type === 'string') return 'a string';
  if (type === 'boolean') return 'true or false';
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping of keys to values';
  return type;
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
