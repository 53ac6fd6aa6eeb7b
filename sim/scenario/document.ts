/**
 * A YAML document that remembers where every value came from, so errors can
 * name the file, line and column of the offending key.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../errors.ts';

export type Path = readonly (string | number)[];

export class SourceDocument {
  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    /** Paths set from the command line, which have no line in the file. */
    private readonly overridden = new Set<string>(),
  ) {}

  /** Reads and parses a YAML file; syntax errors become `InputError`s with a position. */
  static read(file: string): SourceDocument {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code);
      throw new InputError(`cannot read the scenario (${why})`, { file });
    }
    return SourceDocument.parse(file, text);
  }

  static parse(file: string, text: string): SourceDocument {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problem = doc.errors[0];
    if (problem) {
      const pos = lines.linePos(problem.pos[0]);
      const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      throw new InputError(`invalid YAML: ${message}`, { file, line: pos.line, column: pos.col });
    }
    return new SourceDocument(file, doc, lines);
  }

  /** The document as plain data (maps become objects, sequences arrays). */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  /** Sets `path` to `value`, as `--set key.path=value` does. */
  set(path: Path, value: unknown): void {
    if (this.doc.contents === null) this.doc.contents = this.doc.createNode({}) as never;
    this.doc.setIn(path as (string | number)[], value);
    this.overridden.add(pathKey(path));
  }

  /** Where `path` is in the file: the deepest existing node on the path. */
  locate(path: Path): { file: string; line?: number; column?: number } {
    for (let n = path.length; n >= 0; n--) {
      const prefix = path.slice(0, n);
      if (this.overridden.has(pathKey(prefix))) return { file: `${this.file} (--set)` };
      const node = this.doc.getIn(prefix as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      const range = n === 0 ? (this.doc.contents as { range?: number[] } | null)?.range : node?.range;
      if (range && (isScalar(node) || isMap(node) || isSeq(node) || n === 0)) {
        const pos = this.lines.linePos(range[0]!);
        return { file: this.file, line: pos.line, column: pos.col };
      }
    }
    return { file: this.file };
  }
}

function pathKey(path: Path): string {
  return path.join('\u0000');
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

/** Parses `a.b[2].c` into a path. */
export function parsePath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) path.push(m[1]);
    else path.push(Number(m[2]));
    consumed += m[0].length;
  }
  const dots = (text.match(/\./g) ?? []).length;
  if (path.length === 0 || consumed + dots !== text.length) {
    throw new InputError('', { key: '--set' }, { expected: 'a key path like testbed.workers.count', found: JSON.stringify(text) });
  }
  return path;
}
