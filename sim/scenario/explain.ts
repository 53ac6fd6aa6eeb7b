/**
 * Finding the first thing wrong with a value, in document order, and saying
 * it in the user's words: which key, what was expected, what was found.
 *
 * A JSON Schema validator answers "valid or not" with a pile of errors, one
 * per union branch; this walk follows the same schema the way a person reads
 * the file, picks the union branch the value meant (by its `kind`, `pattern`,
 * or its type), and stops at the first problem.
 */
import {
  parseDurationSec,
  parseRateBytesPerSec,
  parseSizeBytes,
  unitExpectation,
  type UnitKind,
} from '../units.ts';
import { InputError } from '../errors.ts';
import type { Path } from './document.ts';

/** The part of JSON Schema our scenario schemas use, plus the `unit` keyword. */
export interface SchemaNode {
  unit?: UnitKind;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  minProperties?: number;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  anyOf?: SchemaNode[];
  const?: unknown;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
}

/** One problem: the key path where it is, what the schema wants, what the file has. */
export interface Problem {
  path: Path;
  expected: string;
  found: string;
}

const PARSERS: Record<UnitKind, (text: unknown) => number> = {
  size: parseSizeBytes,
  rate: parseRateBytesPerSec,
  duration: parseDurationSec,
};

/** The first problem with `data` under `schema`, or `undefined` if there is none. */
export function explain(schema: SchemaNode, data: unknown): Problem | undefined {
  return check(schema, data, [], schema);
}

/**
 * Converts a unit string to SI units, or explains why it cannot be. Rates
 * must be above zero: every rate here is a capacity, and a zero capacity
 * means work that never finishes.
 */
export function unitValue(kind: UnitKind, data: unknown): number | Omit<Problem, 'path'> {
  let value: number;
  try {
    value = PARSERS[kind](data);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      expected: error.expected ?? unitExpectation(kind),
      found: error.found ?? '?',
    };
  }
  if (kind === 'rate' && value === 0) {
    return { expected: 'a rate above zero, like "1Gbit/s"', found: JSON.stringify(data) };
  }
  return value;
}

function check(
  raw: SchemaNode,
  data: unknown,
  path: Path,
  root: SchemaNode,
): Problem | undefined {
  const node = resolve(raw, root);
  const wrong = (expected: string, found = describeValue(data)): Problem => ({
    path,
    expected,
    found,
  });
  if (node.anyOf) return checkUnion(node, data, path, root);
  if (node.const !== undefined) {
    return data === node.const ? undefined : wrong(JSON.stringify(node.const));
  }
  if (node.unit) {
    const value = unitValue(node.unit, data);
    return typeof value === 'number' ? undefined : { path, ...value };
  }
  switch (node.type) {
    case 'object':
      return isMapping(data)
        ? checkObject(node, data, path, root)
        : wrong(expectation(node));
    case 'array':
      return Array.isArray(data)
        ? checkArray(node, data, path, root)
        : wrong(expectation(node));
    case 'string':
      return checkString(node, data, path);
    case 'integer':
    case 'number':
      return checkNumber(node, data, path);
    case 'boolean':
      return typeof data === 'boolean' ? undefined : wrong(expectation(node));
  }
  return undefined;
}

function checkObject(
  node: SchemaNode,
  data: Record<string, unknown>,
  path: Path,
  root: SchemaNode,
): Problem | undefined {
  const known = Object.keys(node.properties ?? {});
  for (const [key, value] of Object.entries(data)) {
    const child = childSchema(node, key);
    if (child) {
      const problem = check(child, value, [...path, key], root);
      if (problem) return problem;
    } else if (node.additionalProperties === false) {
      return {
        path: [...path, key],
        expected:
          known.length > 0 ? `one of the keys ${known.join(', ')}` : 'no keys here',
        found: `the unknown key ${JSON.stringify(key)}${suggestion(key, known)}`,
      };
    }
  }
  for (const key of node.required ?? []) {
    if (Object.hasOwn(data, key)) continue;
    const about = resolve(childSchema(node, key) ?? {}, root).description;
    return {
      path: [...path, key],
      expected: `the required key ${key}${about ? ` (${about})` : ''}`,
      found: 'no such key',
    };
  }
  const count = Object.keys(data).length;
  if (node.minProperties !== undefined && count < node.minProperties) {
    const found = count === 0 ? 'an empty mapping' : `${count} key(s)`;
    return {
      path,
      expected: `a mapping with at least ${node.minProperties} key(s)`,
      found,
    };
  }
  return undefined;
}

/** The schema of `key` in a mapping: named, matched by pattern, or any other key. */
function childSchema(node: SchemaNode, key: string): SchemaNode | undefined {
  if (node.properties && Object.hasOwn(node.properties, key)) return node.properties[key];
  for (const [pattern, schema] of Object.entries(node.patternProperties ?? {})) {
    if (new RegExp(pattern, 'u').test(key)) return schema;
  }
  return typeof node.additionalProperties === 'object'
    ? node.additionalProperties
    : undefined;
}

function checkArray(
  node: SchemaNode,
  data: unknown[],
  path: Path,
  root: SchemaNode,
): Problem | undefined {
  const { minItems: min, maxItems: max } = node;
  if (
    (min !== undefined && data.length < min) ||
    (max !== undefined && data.length > max)
  ) {
    const found = data.length === 0 ? 'an empty list' : `a list of ${data.length}`;
    return { path, expected: listExpectation(node), found };
  }
  if (!node.items) return undefined;
  for (let i = 0; i < data.length; i++) {
    const problem = check(node.items, data[i], [...path, i], root);
    if (problem) return problem;
  }
  return undefined;
}

function listExpectation(node: SchemaNode): string {
  const { minItems: min, maxItems: max } = node;
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  if (min !== undefined && max !== undefined) {
    return min === max ? `a list of ${items(min)}` : `a list of ${min} to ${items(max)}`;
  }
  if (min !== undefined && min > 0) return `a list with at least ${items(min)}`;
  if (max !== undefined) return `a list with at most ${items(max)}`;
  return 'a list';
}

function checkString(node: SchemaNode, data: unknown, path: Path): Problem | undefined {
  const fits =
    typeof data === 'string' &&
    data.length >= (node.minLength ?? 0) &&
    (node.pattern === undefined || new RegExp(node.pattern, 'u').test(data));
  return fits
    ? undefined
    : { path, expected: expectation(node), found: describeValue(data) };
}

function checkNumber(node: SchemaNode, data: unknown, path: Path): Problem | undefined {
  const fits =
    typeof data === 'number' &&
    Number.isFinite(data) &&
    (node.type !== 'integer' || Number.isInteger(data)) &&
    (node.minimum === undefined || data >= node.minimum) &&
    (node.maximum === undefined || data <= node.maximum) &&
    (node.exclusiveMinimum === undefined || data > node.exclusiveMinimum) &&
    (node.exclusiveMaximum === undefined || data < node.exclusiveMaximum);
  return fits
    ? undefined
    : { path, expected: expectation(node), found: describeValue(data) };
}

/**
 * Unions come in three shapes here: literals (`"deployment" | "development"`),
 * mappings told apart by one constant key (`kind`, `pattern`), and the rest
 * (`"all"` or a list), where the value's type picks the branch.
 */
function checkUnion(
  node: SchemaNode,
  data: unknown,
  path: Path,
  root: SchemaNode,
): Problem | undefined {
  const branches = node.anyOf!.map((b) => resolve(b, root));
  if (branches.some((b) => check(b, data, path, root) === undefined)) return undefined;

  if (branches.every((b) => b.const !== undefined)) {
    return { path, expected: expectation(node, root), found: describeValue(data) };
  }

  const tag = discriminator(branches);
  if (tag !== undefined) {
    const values = branches
      .map((b) => JSON.stringify(b.properties![tag]!.const))
      .join(', ');
    if (!isMapping(data)) {
      return {
        path,
        expected: `a mapping with ${tag}: one of ${values}`,
        found: describeValue(data),
      };
    }
    if (!Object.hasOwn(data, tag)) {
      return {
        path: [...path, tag],
        expected: `the required key ${tag} (one of ${values})`,
        found: 'no such key',
      };
    }
    const branch = branches.find((b) => b.properties![tag]!.const === data[tag]);
    if (!branch) {
      return {
        path: [...path, tag],
        expected: `one of ${values}`,
        found: describeValue(data[tag]),
      };
    }
    return check(branch, data, path, root);
  }

  const sameType = branches.filter((b) => b.const === undefined && typeMatches(b, data));
  if (sameType.length === 1) return check(sameType[0]!, data, path, root);
  return { path, expected: expectation(node, root), found: describeValue(data) };
}

/** A property that every branch fixes to a different constant. */
function discriminator(branches: SchemaNode[]): string | undefined {
  const first = branches[0]?.properties;
  if (!first) return undefined;
  for (const key of Object.keys(first)) {
    const consts = branches.map((b) => b.properties?.[key]?.const);
    if (consts.every((c) => c !== undefined) && new Set(consts).size === consts.length)
      return key;
  }
  return undefined;
}

function typeMatches(node: SchemaNode, data: unknown): boolean {
  switch (node.type) {
    case 'object':
      return isMapping(data);
    case 'array':
      return Array.isArray(data);
    case 'integer':
    case 'number':
      return typeof data === 'number';
    default:
      return typeof data === node.type;
  }
}

/** What a schema node accepts, in words. */
export function expectation(raw: SchemaNode, root: SchemaNode = raw): string {
  const node = resolve(raw, root);
  if (node.anyOf) {
    const branches = node.anyOf.map((b) => resolve(b, root));
    if (branches.every((b) => b.const !== undefined)) {
      return `one of ${branches.map((b) => JSON.stringify(b.const)).join(', ')}`;
    }
    return branches.map((b) => expectation(b, root)).join(' or ');
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.unit) return unitExpectation(node.unit);
  switch (node.type) {
    case 'integer':
    case 'number':
      return numberExpectation(node);
    case 'string':
      if (node.pattern) return `a string matching ${node.pattern}`;
      return node.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return listExpectation(node);
    case 'object':
      return 'a mapping of keys to values';
  }
  return 'a valid value';
}

function numberExpectation(node: SchemaNode): string {
  const integer = node.type === 'integer';
  const { minimum: min, maximum: max, exclusiveMinimum: above } = node;
  if (integer && min === 1 && max === undefined) return 'a positive integer';
  if (integer && min === 0 && max === undefined) return 'an integer >= 0';
  const noun = integer ? 'an integer' : 'a number';
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (above !== undefined) return `${noun} above ${above}`;
  if (min !== undefined) return `${noun} >= ${min}`;
  if (max !== undefined) return `${noun} <= ${max}`;
  return noun;
}

/** A value as the user wrote it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (an empty value)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return 'a date';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (value instanceof Set) return 'a set';
  if (value instanceof Map) return 'an ordered mapping (!!omap)';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** A plain mapping: YAML's `!!set`, `!!timestamp` and `!!binary` make other objects. */
function isMapping(data: unknown): data is Record<string, unknown> {
  if (data === null || typeof data !== 'object') return false;
  const proto = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith('#/$defs/')) return root.$defs?.[node.$ref.slice(8)] ?? node;
  return node;
}

/** ` (did you mean "cores"?)` when a known key is one or two typos away. */
function suggestion(key: string, known: string[]): string {
  const best = closest(key, known);
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}

/** The name in `known` at most two typos away from `word` (closest first), if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
