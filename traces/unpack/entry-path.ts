/**
 * Turning the names found in layer tarballs into safe relative paths.
 * A name is accepted only if it stays inside the image root lexically: no
 * absolute paths, no `..` component. Links are checked the same way, except
 * that absolute symlink targets are allowed, because the container reads
 * them relative to its own root and the unpacker never follows them.
 */
import { InputError } from '../../sim/errors.ts';

/**
 * Normalises a tar entry name to a relative path without `.`, empty or
 * trailing components; the image root itself is `''`.
 * Throws InputError for absolute names and `..` components.
 */
export function normaliseEntryPath(name: string, archive: string): string {
  if (name.includes('\0')) {
    throw new InputError('entry name contains a NUL byte', { file: archive, key: name });
  }
  if (name.startsWith('/')) {
    throw new InputError('absolute entry path refused', { file: archive, key: name });
  }
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      throw new InputError('entry path with `..` refused', { file: archive, key: name });
    }
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * Checks a symlink target: an absolute target is fine (it means the image's
 * own root), a relative one must not climb above the root from the link's
 * folder. Returns the target unchanged.
 */
export function checkSymlinkTarget(
  linkPath: string,
  target: string,
  archive: string,
): string {
  if (target === '' || target.includes('\0')) {
    throw new InputError('symlink with an empty or NUL-containing target refused', {
      file: archive,
      key: linkPath,
    });
  }
  if (target.startsWith('/')) return target;
  const depth = linkPath.split('/').length - 1;
  let level = depth;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') level -= 1;
    else level += 1;
    if (level < 0) {
      throw new InputError('symlink pointing outside the image refused', {
        file: archive,
        key: `${linkPath} -> ${target}`,
      });
    }
  }
  return target;
}

/**
 * Normalises a hardlink's target, which tar stores as another entry name.
 * It must name a path inside the image, like any entry.
 */
export function normaliseHardlinkTarget(
  linkPath: string,
  target: string,
  archive: string,
): string {
  try {
    const normal = normaliseEntryPath(target, archive);
    if (normal === '')
      throw new InputError('hardlink to the image root refused', { file: archive });
    return normal;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError('hardlink pointing outside the image refused', {
      file: archive,
      key: `${linkPath} => ${target}`,
    });
  }
}
