/**
 * Unpacking a container image into a folder, keeping for every final path
 * the layer it comes from. The steps:
 * 1. find out what PATH is (layout folder, tarball, root file system);
 * 2. for a tarball, stage its members safely in a scratch folder;
 * 3. apply the layers base first into the target;
 * 4. return the layer table and the file table.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { FileKind } from '../../models/image.ts';
import { InputError } from '../../sim/errors.ts';
import { applyLayer } from './apply-layer.ts';
import { FileTable } from './file-table.ts';
import { layoutLayers, type ImageSource, type SourceKind } from './image-source.ts';
import { defaultLimits, type UnpackLimits, type UnpackPolicy } from './limits.ts';
import type { ExpansionBudget } from './read-tar.ts';
import { copyRootfs } from './rootfs-dir.ts';

export interface UnpackedLayer {
  /** `sha256:<hex>` of the layer blob as stored (for a root folder, of its file table). */
  digest: string;
  /** Bytes of the blob as stored (gzip-compressed for most images); null when unknown. */
  compressedBytes: number | null;
  /** Bytes of the layer's regular files. */
  uncompressedBytes: number;
  entries: number;
}

export interface UnpackedFile {
  path: string;
  /** Index of the layer it comes from, base = 0. */
  layer: number;
  sizeBytes: number;
  kind: FileKind;
}

export interface UnpackedImage {
  name: string;
  source: SourceKind;
  layers: UnpackedLayer[];
  /** Every path of the final root file system, sorted. */
  files: UnpackedFile[];
  /** Entries that were neutralised rather than refused. */
  warnings: string[];
}

export interface UnpackOptions {
  limits?: Partial<UnpackLimits>;
  policy?: Partial<UnpackPolicy>;
  /** Scratch folder for staging tarballs (default: next to the target). */
  scratchDir?: string;
}

/**
 * Unpacks the image at `imagePath` into the empty or missing folder
 * `target`. Throws InputError for anything wrong with the image.
 */
export async function unpackImage(
  imagePath: string,
  target: string,
  options: UnpackOptions = {},
): Promise<UnpackedImage> {
  const limits = { ...defaultLimits, ...options.limits };
  const policy = { strict: false, ...options.policy };
  if (!existsSync(imagePath))
    throw new InputError('image not found', { file: imagePath });
  mkdirSync(target, { recursive: true });
  if (readdirSync(target).length > 0) {
    throw new InputError('unpack target is not empty', { file: target });
  }
  const table = new FileTable();
  const warnings: string[] = [];
  const budget: ExpansionBudget = { usedBytes: 0 };

  // 1. A folder without a layout is a root file system.
  if (statSync(imagePath).isDirectory() && !isLayout(imagePath)) {
    const stats = copyRootfs(imagePath, target, table, limits, policy, warnings);
    const layer = {
      digest: tableDigest(table),
      compressedBytes: null,
      uncompressedBytes: stats.fileBytes,
      entries: stats.entries,
    };
    return finish(basename(imagePath), 'rootfs', [layer], table, warnings);
  }

  // 2. A tarball is staged first; its own members obey the same rules as layers.
  let scratch: string | undefined;
  try {
    let layoutDir = imagePath;
    if (!statSync(imagePath).isDirectory()) {
      scratch = mkdtempSync(
        join(options.scratchDir ?? join(target, '..'), '.unpack-stage-'),
      );
      await applyLayer(imagePath, {
        root: scratch,
        table: new FileTable(),
        layer: 0,
        label: basename(imagePath),
        limits,
        policy,
        budget,
        warnings,
        relativeLinksOnly: true,
      });
      layoutDir = scratch;
    }
    const source = layoutLayers(layoutDir, basename(imagePath));

    // 3. Layers base first.
    const layers = await applyLayers(
      source,
      target,
      table,
      limits,
      policy,
      budget,
      warnings,
    );
    return finish(source.name, source.kind, layers, table, warnings);
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function applyLayers(
  source: ImageSource,
  root: string,
  table: FileTable,
  limits: UnpackLimits,
  policy: UnpackPolicy,
  budget: ExpansionBudget,
  warnings: string[],
): Promise<UnpackedLayer[]> {
  const layers: UnpackedLayer[] = [];
  for (const [layer, blob] of source.layers.entries()) {
    if (!existsSync(blob.file) || !statSync(blob.file).isFile()) {
      throw new InputError('layer blob is missing', { file: blob.label });
    }
    const stats = await applyLayer(blob.file, {
      root,
      table,
      layer,
      label: blob.label,
      limits,
      policy,
      budget,
      warnings,
    });
    if (blob.expectedDigest !== undefined && blob.expectedDigest !== stats.digest) {
      throw new InputError(
        'layer blob does not match its digest',
        { file: blob.label },
        {
          expected: blob.expectedDigest,
          found: stats.digest,
        },
      );
    }
    layers.push({
      digest: stats.digest,
      compressedBytes: stats.storedBytes,
      uncompressedBytes: stats.fileBytes,
      entries: stats.entries,
    });
  }
  return layers;
}

function finish(
  name: string,
  source: SourceKind,
  layers: UnpackedLayer[],
  table: FileTable,
  warnings: string[],
): UnpackedImage {
  const files = table
    .sorted()
    .map(({ path, layer, sizeBytes, kind }) => ({ path, layer, sizeBytes, kind }));
  return { name, source, layers, files, warnings };
}

function isLayout(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) || existsSync(join(dir, 'oci-layout'));
}

/** A root folder has no blob; its digest is that of its file table (paths, kinds, sizes). */
function tableDigest(table: FileTable): string {
  const hash = createHash('sha256');
  for (const { path, kind, sizeBytes } of table.sorted())
    hash.update(`${path}\0${kind}\0${sizeBytes}\n`);
  return `sha256:${hash.digest('hex')}`;
}
