/**
 * Resolving a path as the program inside the image saw it (the image root
 * as `/`) to the path of the object it reached, following symlinks the way
 * the kernel does but never leaving the unpacked root on the host.
 */
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';

const MAX_LINKS = 40;

export class PathResolver {
  private readonly cache = new Map<string, string | null>();

  /** `root` is the host folder holding the image's root file system. */
  constructor(private readonly root: string) {}

  /**
   * The image-relative path (no leading `/`, `''` for the root) that the
   * absolute in-image path `path` leads to, or undefined when it does not
   * exist. With `followLast` false a final symlink is not followed (lstat).
   */
  resolve(path: string, followLast = true): string | undefined {
    const key = `${followLast ? 'f' : 'n'}${path}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.walk(path, followLast);
    this.cache.set(key, resolved ?? null);
    return resolved;
  }

  /**
   * The first `bytes` bytes of the regular file at image-relative `path`
   * (already resolved, so no component is a symlink), or '' if unreadable.
   */
  head(path: string, bytes: number): string {
    let fd: number | undefined;
    try {
      fd = openSync(join(this.root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
      const buffer = Buffer.alloc(bytes);
      const n = readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, n).toString('latin1');
    } catch {
      return '';
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private walk(path: string, followLast: boolean): string | undefined {
    let pending = path.split('/').filter((p) => p !== '' && p !== '.');
    const done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '..') {
        done.pop();
        continue;
      }
      const candidate = [...done, part].join('/');
      let isLink = false;
      try {
        isLink = lstatSync(join(this.root, candidate)).isSymbolicLink();
      } catch {
        return undefined;
      }
      if (!isLink || (pending.length === 0 && !followLast)) {
        done.push(part);
        continue;
      }
      if (++links > MAX_LINKS) return undefined;
      const target = readlinkSync(join(this.root, candidate));
      const parts = target.split('/').filter((p) => p !== '' && p !== '.');
      if (target.startsWith('/')) done.length = 0;
      pending = [...parts, ...pending];
    }
    return done.join('/');
  }
}

/** Joins an in-image path to a base folder; both absolute in the image. */
export function joinInImage(base: string, path: string): string {
  if (path.startsWith('/')) return path;
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}
