/**
 * A plain root file system folder taken as a one-layer image: it is copied
 * into the unpack root (the capture may write to it) with the same rules as
 * a layer tarball: links are copied as links, never followed, device nodes
 * and setuid bits are neutralised, hardlinks stay hardlinks.
 */
import {
  chmodSync,
  copyFileSync,
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../sim/errors.ts';
import { checkSymlinkTarget } from './entry-path.ts';
import type { FileTable } from './file-table.ts';
import type { UnpackLimits, UnpackPolicy } from './limits.ts';

export interface RootfsCopyStats {
  fileBytes: number;
  entries: number;
}

/** Copies folder `source` into `root` as layer 0, filling `table`. */
export function copyRootfs(
  source: string,
  root: string,
  table: FileTable,
  limits: UnpackLimits,
  policy: UnpackPolicy,
  warnings: string[],
): RootfsCopyStats {
  const stats: RootfsCopyStats = { fileBytes: 0, entries: 0 };
  const seenInodes = new Map<string, string>();
  const pending: string[] = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const name of readdirSync(join(source, dir)).sort()) {
      const path = dir === '' ? name : `${dir}/${name}`;
      stats.entries += 1;
      if (stats.entries > limits.maxEntries) {
        throw new InputError(`more than ${limits.maxEntries} entries`, { file: source });
      }
      const from = join(source, path);
      const to = join(root, path);
      const info = lstatSync(from);
      const neutralise = (what: string) => {
        if (policy.strict)
          throw new InputError(`unsafe entry refused: ${what}`, {
            file: source,
            key: path,
          });
        warnings.push(`${source}: ${path}: ${what}`);
      };
      if ((info.mode & 0o6000) !== 0 && !info.isSymbolicLink())
        neutralise('setuid/setgid bit cleared');
      const mode = info.mode & 0o1777;
      if (info.isDirectory()) {
        mkdirSync(to);
        chmodSync(to, mode | 0o700);
        table.set(path, { layer: 0, sizeBytes: 0, kind: 'dir' });
        pending.push(path);
      } else if (info.isSymbolicLink()) {
        const target = readlinkSync(from);
        checkSymlinkTarget(path, target, source);
        symlinkSync(target, to);
        table.set(path, { layer: 0, sizeBytes: 0, kind: 'symlink' });
      } else if (info.isFile()) {
        const inode = `${info.dev}:${info.ino}`;
        const first = info.nlink > 1 ? seenInodes.get(inode) : undefined;
        if (first !== undefined) {
          linkSync(join(root, first), to);
          table.set(path, { layer: 0, sizeBytes: info.size, kind: 'hardlink' });
          continue;
        }
        if (info.size > limits.maxEntryBytes) {
          throw new InputError(`file of ${info.size} bytes above the limit`, {
            file: source,
            key: path,
          });
        }
        copyFileSync(from, to, constants.COPYFILE_FICLONE);
        chmodSync(to, mode | 0o600);
        if (info.nlink > 1) seenInodes.set(inode, path);
        table.set(path, { layer: 0, sizeBytes: info.size, kind: 'file' });
        stats.fileBytes += info.size;
      } else {
        neutralise('device node, fifo or socket not created');
      }
    }
  }
  return stats;
}
