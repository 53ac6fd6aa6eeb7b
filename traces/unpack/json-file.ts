/** Small helpers to read the JSON documents of image layouts with clear errors. */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../../sim/errors.ts';

const MAX_JSON_BYTES = 16 * 2 ** 20;

/** Parses the JSON file `file`; `label` names it in errors. */
export function readJsonFile(file: string, label: string): unknown {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError('file is missing', { file: label });
  }
  if (size > MAX_JSON_BYTES) {
    throw new InputError(
      'JSON document too large',
      { file: label },
      { expected: `at most ${MAX_JSON_BYTES} bytes`, found: `${size}` },
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`invalid JSON (${(error as Error).message})`, { file: label });
  }
}

/** Returns `value[key]` as a string or throws an InputError. */
export function stringField(value: unknown, key: string, label: string): string {
  const field = objectOf(value, label)[key];
  if (typeof field !== 'string') {
    throw new InputError(
      '',
      { file: label, key },
      { expected: 'a string', found: describe(field) },
    );
  }
  return field;
}

/** Returns `value[key]` as an array or throws an InputError. */
export function arrayField(value: unknown, key: string, label: string): unknown[] {
  const field = objectOf(value, label)[key];
  if (!Array.isArray(field)) {
    throw new InputError(
      '',
      { file: label, key },
      { expected: 'an array', found: describe(field) },
    );
  }
  return field;
}

export function objectOf(value: unknown, label: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      '',
      { file: label },
      { expected: 'a JSON object', found: describe(value) },
    );
  }
  return value as Record<string, unknown>;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
