/**
 * Applying one layer tarball on top of the layers below it, the way Docker's
 * union file systems present them: entries overwrite, `.wh.NAME` deletes a
 * lower path, `.wh..wh..opq` hides everything lower layers put in a folder.
 * Nothing is ever written through a symlink, and every refusal names the
 * archive and the entry.
 */
import {
  constants,
  createWriteStream,
  chmodSync,
  linkSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../../sim/errors.ts';
import {
  checkSymlinkTarget,
  normaliseEntryPath,
  normaliseHardlinkTarget,
} from './entry-path.ts';
import type { FileTable } from './file-table.ts';
import type { UnpackLimits, UnpackPolicy } from './limits.ts';
import {
  readTarEntries,
  skipEntry,
  type ExpansionBudget,
  type TarEntry,
  type TarReadStats,
} from './read-tar.ts';

export interface LayerContext {
  /** Folder the image is unpacked into. */
  root: string;
  table: FileTable;
  /** Index of this layer, base = 0. */
  layer: number;
  /** How errors name the archive. */
  label: string;
  limits: UnpackLimits;
  policy: UnpackPolicy;
  budget: ExpansionBudget;
  /** Neutralised entries, one sentence each. */
  warnings: string[];
  /** Refuse absolute symlink targets (outer tarballs, whose links the host follows). */
  relativeLinksOnly?: boolean;
}

export interface LayerStats extends TarReadStats {
  /** Sum of the sizes of the layer's regular files. */
  fileBytes: number;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** Applies the layer tarball `file` to `ctx.root`, updating `ctx.table`. */
export async function applyLayer(file: string, ctx: LayerContext): Promise<LayerStats> {
  let fileBytes = 0;
  const stats = await readTarEntries(
    file,
    ctx.label,
    ctx.limits,
    ctx.budget,
    async (entry) => {
      const size = await applyEntry(entry, ctx);
      fileBytes += size;
    },
  );
  return { ...stats, fileBytes };
}

/** Applies one entry; returns the bytes of file content it wrote. */
async function applyEntry(entry: TarEntry, ctx: LayerContext): Promise<number> {
  const { header } = entry;
  const path = normaliseEntryPath(header.name, ctx.label);
  if (path === '') {
    await skipEntry(entry);
    return 0;
  }
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);

  if (base.startsWith(WHITEOUT)) {
    await skipEntry(entry);
    if (base === OPAQUE) hideLowerChildren(dir, ctx);
    else removeWhiteouted(dir, base.slice(WHITEOUT.length), path, ctx);
    return 0;
  }

  const mode = safeMode(header.mode ?? 0o644, path, ctx);
  switch (header.type) {
    case 'directory':
      await skipEntry(entry);
      makeParents(dir, path, ctx);
      putDirectory(path, mode, ctx);
      return 0;
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      makeParents(dir, path, ctx);
      return writeFile(entry, path, mode, ctx);
    case 'symlink':
      await skipEntry(entry);
      makeParents(dir, path, ctx);
      putSymlink(path, header.linkname ?? '', ctx);
      return 0;
    case 'link':
      await skipEntry(entry);
      makeParents(dir, path, ctx);
      putHardlink(path, header.linkname ?? '', ctx);
      return 0;
    case 'character-device':
    case 'block-device':
    case 'fifo':
      await skipEntry(entry);
      neutralise(`${header.type} not created`, path, ctx);
      return 0;
    default:
      await skipEntry(entry);
      neutralise(`entry of unsupported type ${String(header.type)} skipped`, path, ctx);
      return 0;
  }
}

function safeMode(mode: number, path: string, ctx: LayerContext): number {
  if ((mode & 0o6000) !== 0) neutralise('setuid/setgid bit cleared', path, ctx);
  return mode & 0o1777;
}

function neutralise(what: string, path: string, ctx: LayerContext): void {
  if (ctx.policy.strict) {
    throw new InputError(`unsafe entry refused: ${what}`, { file: ctx.label, key: path });
  }
  ctx.warnings.push(`${ctx.label}: ${path}: ${what}`);
}

/**
 * Makes sure every folder above `path` exists as a real folder, creating
 * missing ones (tarballs often omit them) as part of this layer.
 */
function makeParents(dir: string, path: string, ctx: LayerContext): void {
  if (dir === '') return;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const found = ctx.table.get(prefix);
    if (found === undefined) {
      mkdirSync(join(ctx.root, prefix), { mode: 0o755 });
      ctx.table.set(prefix, { layer: ctx.layer, sizeBytes: 0, kind: 'dir' });
      continue;
    }
    if (found.kind === 'dir') continue;
    if (found.kind === 'symlink') {
      throw new InputError(`entry written through the symlink ${prefix} refused`, {
        file: ctx.label,
        key: path,
      });
    }
    throw new InputError(`parent ${prefix} is not a folder`, {
      file: ctx.label,
      key: path,
    });
  }
}

/** Removes whatever is at `path` (disk and table), without following links. */
function clear(path: string, ctx: LayerContext): void {
  if (ctx.table.get(path) === undefined) return;
  rmSync(join(ctx.root, path), { recursive: true, force: true });
  ctx.table.removeTree(path);
}

function putDirectory(path: string, mode: number, ctx: LayerContext): void {
  const existing = ctx.table.get(path);
  if (existing?.kind !== 'dir') {
    clear(path, ctx);
    mkdirSync(join(ctx.root, path));
  }
  chmodSync(join(ctx.root, path), mode | 0o700);
  ctx.table.set(path, { layer: ctx.layer, sizeBytes: 0, kind: 'dir' });
}

async function writeFile(
  entry: TarEntry,
  path: string,
  mode: number,
  ctx: LayerContext,
): Promise<number> {
  clear(path, ctx);
  const flags =
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const fd = openSync(join(ctx.root, path), flags, mode | 0o600);
  await pipeline(entry, createWriteStream('', { fd }));
  const sizeBytes = entry.header.size ?? 0;
  ctx.table.set(path, { layer: ctx.layer, sizeBytes, kind: 'file' });
  return sizeBytes;
}

function putSymlink(path: string, target: string, ctx: LayerContext): void {
  checkSymlinkTarget(path, target, ctx.label);
  if (ctx.relativeLinksOnly && target.startsWith('/')) {
    throw new InputError('absolute symlink refused in an image tarball', {
      file: ctx.label,
      key: `${path} -> ${target}`,
    });
  }
  clear(path, ctx);
  symlinkSync(target, join(ctx.root, path));
  ctx.table.set(path, { layer: ctx.layer, sizeBytes: 0, kind: 'symlink' });
}

function putHardlink(path: string, rawTarget: string, ctx: LayerContext): void {
  const target = normaliseHardlinkTarget(path, rawTarget, ctx.label);
  const found = ctx.table.get(target);
  if (found === undefined || found.kind === 'dir') {
    throw new InputError(
      `hardlink to ${found ? 'a folder' : 'a missing file'} ${target} refused`,
      {
        file: ctx.label,
        key: path,
      },
    );
  }
  // The target's parents must be real folders too, or link() would follow a symlink.
  const slash = target.lastIndexOf('/');
  if (slash > 0) makeParents(target.slice(0, slash), path, ctx);
  if (target === path) return;
  clear(path, ctx);
  linkSync(join(ctx.root, target), join(ctx.root, path));
  ctx.table.set(path, { layer: ctx.layer, sizeBytes: found.sizeBytes, kind: 'hardlink' });
}

function removeWhiteouted(
  dir: string,
  name: string,
  path: string,
  ctx: LayerContext,
): void {
  if (name === '' || name === '.' || name === '..') {
    throw new InputError('malformed whiteout', { file: ctx.label, key: path });
  }
  const blocker = firstNonFolder(dir, ctx);
  if (blocker === undefined) {
    clear(dir === '' ? name : `${dir}/${name}`, ctx);
    return;
  }
  // Nothing lower can exist below a missing parent; below a symlink it would be an attack.
  if (ctx.table.get(blocker)?.kind === 'symlink') {
    throw new InputError(`whiteout through the symlink ${blocker} refused`, {
      file: ctx.label,
      key: path,
    });
  }
}

/** The first prefix of `dir` that is not an existing folder, if any. */
function firstNonFolder(dir: string, ctx: LayerContext): string | undefined {
  if (dir === '') return undefined;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (ctx.table.get(prefix)?.kind !== 'dir') return prefix;
  }
  return undefined;
}

/**
 * An opaque folder hides what lower layers put in it; what this layer
 * already wrote there stays. Deepest paths go first so a lower folder that
 * still holds this layer's entries is kept (and now belongs to this layer).
 */
function hideLowerChildren(dir: string, ctx: LayerContext): void {
  // The marker's folder belongs to this layer; it may not be listed before the marker.
  makeParents(dir, `${dir}/${OPAQUE}`, ctx);
  const inside = ctx.table.below(dir);
  const keep = new Set<string>();
  for (const path of inside) {
    if (ctx.table.get(path)!.layer !== ctx.layer) continue;
    for (
      let cut = path.lastIndexOf('/');
      cut > dir.length;
      cut = path.lastIndexOf('/', cut - 1)
    ) {
      keep.add(path.slice(0, cut));
    }
  }
  const lower = inside
    .filter((p) => ctx.table.get(p)!.layer < ctx.layer)
    .sort((a, b) => b.length - a.length);
  for (const path of lower) {
    const entry = ctx.table.get(path);
    if (entry === undefined) continue;
    if (entry.kind === 'dir' && keep.has(path)) {
      ctx.table.set(path, { ...entry, layer: ctx.layer });
      continue;
    }
    clear(path, ctx);
  }
}
