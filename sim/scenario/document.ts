/**
 * A YAML document that remembers where every value came from, so errors can
 * name the file, line and column of the offending key, or the `--set` that
 * put a value there.
 */
import { readFileSync } from 'node:fs';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { InputError } from '../errors.ts';

export type Path = readonly (string | number)[];

/** Where a value is: a file with a line and column, or a `--set` on the command line. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

interface Override {
  path: Path;
  /** The shortest prefix of `path` that did not exist before the override. */
  createdFrom: number;
  assignment: string;
}

// Aliases let a short file expand into a huge value ("billion laughs").
const MAX_ALIAS_EXPANSIONS = 1000;

export class SourceDocument {
  private readonly overrides: Override[] = [];

  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Reads and parses a YAML file; syntax errors become `InputError`s with a position. */
  static read(file: string): SourceDocument {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError(
        '',
        { file },
        {
          expected: 'a readable scenario file',
          found: unreadable((error as NodeJS.ErrnoException).code),
        },
      );
    }
    return SourceDocument.parse(file, text);
  }

  static parse(file: string, text: string): SourceDocument {
    const lines = new LineCounter();
    let doc: Document.Parsed;
    try {
      doc = parseDocument(text, {
        lineCounter: lines,
        uniqueKeys: true,
        prettyErrors: false,
        // Warnings are reported as errors below, not printed by the library.
        logLevel: 'silent',
      });
    } catch (error) {
      // The parser recurses once per nesting level; absurd nesting exhausts the stack.
      if (error instanceof RangeError) throw tooDeep(file);
      throw error;
    }
    // A scenario has no use for custom tags or directives; a warning about one
    // is a mistake the user should see, not a value silently read as text.
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem && /call stack/i.test(problem.message)) {
      const pos = lines.linePos(problem.pos[0]);
      throw tooDeep(file, pos.line, pos.col);
    }
    if (problem) {
      const offset =
        unclosedStart(doc, problem.message, problem.pos[0]) ?? problem.pos[0];
      const pos = lines.linePos(offset);
      let message = problem.message
        .split('\n')[0]!
        .replace(/ at line \d+, column \d+.*$/, '');
      if (problem.code === 'DUPLICATE_KEY') {
        // Name the key: the plain text from the offset up to its colon.
        const key = /^\s*([^:#\n]+?)\s*:/.exec(text.slice(offset))?.[1];
        if (key) message = `the key ${JSON.stringify(key)} appears twice in one mapping`;
      }
      throw new InputError(`invalid YAML: ${message}`, {
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    const source = new SourceDocument(file, doc, lines);
    source.checkAliases();
    return source;
  }

  /** The document as plain data (maps become objects, sequences arrays). */
  toJS(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      if (error instanceof RangeError) throw tooDeep(this.file);
      if (error instanceof ReferenceError) {
        throw new InputError(
          '',
          { file: this.file },
          {
            expected: `YAML aliases that expand to at most ${MAX_ALIAS_EXPANSIONS} values`,
            found: 'more (an alias bomb?)',
          },
        );
      }
      throw error;
    }
  }

  /**
   * Sets `path` to `value`, as `--set key.path=value` does; `assignment` is the
   * text the user typed, quoted back in messages. Creates missing mappings on
   * the way; a list index may be at most the list's length (which appends).
   */
  set(path: Path, value: unknown, assignment = `${formatPath(path)}=...`): void {
    const fail = (at: Path, expected: string, found: string) =>
      new InputError(
        '',
        { file: `${this.file} (--set ${assignment})`, key: formatPath(at) },
        {
          expected,
          found,
        },
      );
    if (path.length === 0) throw fail(path, 'a key path', 'nothing');
    if (isEmpty(this.doc.contents)) {
      this.doc.contents = this.container(path[0]!) as Document.Parsed['contents'];
    }
    let node: unknown = this.doc.contents;
    let createdFrom = path.length + 1;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const here = path.slice(0, i);
      const last = i === path.length - 1;
      if (isAlias(node))
        throw fail(here, 'a value written out in the file', 'a YAML alias');
      let child: unknown;
      if (isMap(node) && typeof part === 'string') {
        const pair = node.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === part,
        );
        if (!pair && i < createdFrom) createdFrom = i + 1;
        child = last || isEmpty(pair?.value) ? undefined : pair!.value;
        if (child === undefined) {
          child = last ? this.doc.createNode(value) : this.container(path[i + 1]!);
          if (pair) pair.value = child;
          else node.items.push(this.doc.createPair(part, child));
        }
      } else if (isSeq(node) && typeof part === 'number') {
        if (part > node.items.length) {
          const n = node.items.length;
          const range =
            n === 0
              ? 'index 0 (the list is empty: [0] adds its first item)'
              : `an index from 0 to ${n - 1} (the list has ${n} item${n === 1 ? '' : 's'}), ` +
                `or ${n} to add one`;
          throw fail(path.slice(0, i + 1), range, `[${part}]`);
        }
        if (part === node.items.length && i < createdFrom) createdFrom = i + 1;
        child = last || isEmpty(node.items[part]) ? undefined : node.items[part];
        if (child === undefined) {
          child = last ? this.doc.createNode(value) : this.container(path[i + 1]!);
          node.items[part] = child as Node;
        }
      } else {
        const expected = typeof part === 'number' ? 'a list' : 'a mapping';
        throw fail(here, `${expected} to set ${formatPath([part])} in`, kindOf(node));
      }
      node = child;
    }
    this.overrides.push({ path: [...path], createdFrom, assignment });
  }

  /**
   * Where `path` is: the position of its key in the file (of the item, in a
   * list), or of the deepest enclosing key that exists; or the `--set` that
   * wrote it.
   */
  locate(path: Path): Location {
    const override = this.overrideOf(path);
    if (override) return { file: `${this.file} (--set ${override.assignment})` };
    let node: unknown = this.doc.contents;
    let offset = rangeOf(node);
    for (const part of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === String(part),
        );
        if (!pair) break;
        offset = rangeOf(pair.key) ?? offset;
        node = pair.value;
      } else if (
        isSeq(node) &&
        typeof part === 'number' &&
        node.items[part] !== undefined
      ) {
        node = node.items[part];
        offset = rangeOf(node) ?? offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return { file: this.file };
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  private overrideOf(path: Path): Override | undefined {
    for (let k = this.overrides.length - 1; k >= 0; k--) {
      const o = this.overrides[k]!;
      // Inside the value that was set, or in a mapping or list item it created.
      if (startsWith(path, o.path) || commonPrefix(path, o.path) >= o.createdFrom)
        return o;
    }
    return undefined;
  }

  private container(nextPart: string | number): Node {
    return this.doc.createNode(typeof nextPart === 'number' ? [] : {}) as Node;
  }

  /** An alias to an anchor defined nowhere before it is an error at the alias. */
  private checkAliases(): void {
    let bad: { source: string; offset?: number } | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        if (bad || node.resolve(this.doc) !== undefined) return;
        bad = { source: node.source, offset: rangeOf(node) };
      },
    });
    if (!bad) return;
    const pos = bad.offset === undefined ? undefined : this.lines.linePos(bad.offset);
    throw new InputError(
      '',
      { file: this.file, line: pos?.line, column: pos?.col },
      {
        expected: 'an alias to an anchor defined above it',
        found: `*${bad.source}, which names no earlier anchor`,
      },
    );
  }
}

/**
 * The parser notices an unclosed `[`, `{` or quote only where the text stops
 * making sense, often lines later; the mistake is where it was opened.
 */
function unclosedStart(
  doc: Document.Parsed,
  message: string,
  offset: number,
): number | undefined {
  if (!/flow (sequence|map)|quote/i.test(message)) return undefined;
  let best: number | undefined;
  visit(doc, (_key, node) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range || range[0] >= offset || range[2] < offset) return;
    const flow = (isSeq(node) || isMap(node)) && node.flow === true;
    const quoted =
      isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    if ((flow || quoted) && (best === undefined || range[0] > best)) best = range[0];
  });
  return best;
}

function rangeOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function kindOf(node: unknown): string {
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  return 'something else';
}

function startsWith(path: Path, prefix: Path): boolean {
  return (
    prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]))
  );
}

function commonPrefix(a: Path, b: Path): number {
  let n = 0;
  while (n < a.length && n < b.length && String(a[n]) === String(b[n])) n++;
  return n;
}

function unreadable(code: string | undefined): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'a file we may not read';
  return `an error reading it (${code ?? 'unknown'})`;
}

function tooDeep(file: string, line?: number, column?: number): InputError {
  return new InputError(
    '',
    { file, line, column },
    {
      expected: 'YAML nested a reasonable number of levels deep',
      found: 'nesting too deep to read',
    },
  );
}

/** Writes a path the way users write it: `testbed.workers.count`, `drivers[1].kind`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(top level)';
}

/** Parses `a.b[2].c` into a path; throws `InputError` on anything else. */
export function parsePath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  const re = /(^|\.)([^.[\]=\s]+)|\[(\d+)\]/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[2] !== undefined && (m[1] === '.') === path.length > 0) path.push(m[2]);
    else if (m[3] !== undefined && path.length > 0) path.push(Number(m[3]));
    else break;
    if (re.lastIndex === text.length) return path;
  }
  throw new InputError(
    '',
    { key: '--set' },
    {
      expected: 'a key path like testbed.workers.count or drivers[1].kind',
      found: JSON.stringify(text),
    },
  );
}
