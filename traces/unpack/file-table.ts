/**
 * The file table of an image being unpacked: for every path visible in the
 * final root file system, the layer it comes from, its size and its kind.
 * It mirrors what is on disk under the unpack root exactly, which lets the
 * unpacker decide whether a parent is a real folder without following links.
 */
import type { FileKind } from '../../models/image.ts';

export interface TableEntry {
  /** Index of the layer the path comes from (base layer = 0). */
  layer: number;
  sizeBytes: number;
  kind: FileKind;
}

export class FileTable {
  private readonly entries = new Map<string, TableEntry>();

  get(path: string): TableEntry | undefined {
    return this.entries.get(path);
  }

  set(path: string, entry: TableEntry): void {
    this.entries.set(path, entry);
  }

  /** Paths strictly below folder `dir` (`''` is the root). */
  below(dir: string): string[] {
    const prefix = dir === '' ? '' : `${dir}/`;
    const out: string[] = [];
    for (const path of this.entries.keys()) {
      if (path.startsWith(prefix) && path !== dir) out.push(path);
    }
    return out;
  }

  /** Forgets `path` and everything below it. */
  removeTree(path: string): void {
    for (const child of this.below(path)) this.entries.delete(child);
    this.entries.delete(path);
  }

  /** All entries sorted by path, for the trace's file table. */
  sorted(): Array<{ path: string } & TableEntry> {
    const paths = [...this.entries.keys()].sort();
    return paths.map((path) => ({ path, ...this.entries.get(path)! }));
  }

  get size(): number {
    return this.entries.size;
  }
}
