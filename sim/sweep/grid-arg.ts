/**
 * The `--grid key.path=v1,v2,...` flag. Values are YAML, so a list value
 * is written in brackets and its commas do not split it:
 * `--grid workload.images=[redis],[redis,python]` has two values.
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.ts';
import { checkPath, type Axis } from './spec.ts';

const USAGE = 'key.path=v1,v2,... (values in YAML, lists in brackets)';

/** Parses one `--grid` flag into an axis; errors name the flag. */
export function parseGridArg(text: string): Axis {
  const where = { key: '--grid' };
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new InputError('', where, { expected: USAGE, found: JSON.stringify(text) });
  }
  const path = text.slice(0, eq).trim();
  checkPath(path, where);
  const items = splitTopLevel(text.slice(eq + 1));
  if (items === undefined || items.some((item) => item.trim() === '')) {
    throw new InputError('', { key: `--grid ${path}` }, {
      expected: 'a comma-separated list of non-empty values with balanced brackets',
      found: JSON.stringify(text.slice(eq + 1)),
    });
  }
  return { path, values: items.map((item) => parseValue(path, item.trim())) };
}

function parseValue(path: string, item: string): unknown {
  try {
    return parseYaml(item);
  } catch {
    throw new InputError('', { key: `--grid ${path}` }, {
      expected: 'YAML values',
      found: JSON.stringify(item),
    });
  }
}

/** Splits at commas outside brackets and quotes; undefined if unbalanced. */
function splitTopLevel(text: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || quote) return undefined;
  items.push(text.slice(start));
  return items;
}
