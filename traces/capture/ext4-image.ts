/**
 * The flattened image as an ext4 file system on a loop device, as the
 * Slacker driver presents a layer: built with `mkfs.ext4 -d`, its file to
 * block map read with debugfs before mounting, then attached and mounted.
 * Every step registers its undo with the capture.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  statSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BlockExtent, TraceFile } from '../format.ts';
import { runTool } from './run-tool.ts';

export const EXT4_BLOCK_BYTES = 4096;

export interface MountedImage {
  /** Host folder where the file system is mounted. */
  mountPoint: string;
  /** `/dev/loopN`. */
  device: string;
  /** The device number as the kernel's tracepoints print it: major << 20 | minor. */
  kernelDev: number;
  deviceBytes: number;
  extents: BlockExtent[];
}

export interface Ext4Image {
  imageFile: string;
  deviceBytes: number;
  extents: BlockExtent[];
}

/**
 * Builds an ext4 file system image of folder `root` in `workDir` (no root
 * needed) and reads which blocks hold each of `files`.
 */
export function buildExt4(root: string, workDir: string, files: TraceFile[]): Ext4Image {
  const imageFile = join(workDir, 'image.ext4');
  const contentBytes = files.reduce(
    (sum, f) => sum + (f.kind === 'file' ? f.sizeBytes : 0),
    0,
  );
  // Room for metadata, small-file slack and what the program writes.
  const deviceBytes = roundUp(
    Math.max(64 * 2 ** 20, contentBytes * 1.4 + files.length * 8192 + 256 * 2 ** 20),
    4 * 2 ** 20,
  );
  const fd = openSync(imageFile, 'w');
  ftruncateSync(fd, deviceBytes);
  closeSync(fd);
  // Initialise inode tables and journal now, so no background writes happen during the run.
  runTool('mkfs.ext4', [
    '-q',
    '-F',
    '-b',
    String(EXT4_BLOCK_BYTES),
    '-E',
    'lazy_itable_init=0,lazy_journal_init=0',
    '-d',
    root,
    imageFile,
  ]);
  return { imageFile, deviceBytes, extents: mapFileBlocks(imageFile, files, workDir) };
}

/**
 * Builds the ext4 image of `root`, maps `files` to its blocks, attaches and
 * mounts it. `onCleanup` receives the undo steps.
 */
export function mountAsExt4(
  root: string,
  workDir: string,
  files: TraceFile[],
  onCleanup: (step: () => void) => void,
): MountedImage {
  const { imageFile, deviceBytes, extents } = buildExt4(root, workDir, files);
  const device = runTool('losetup', ['--find', '--show', imageFile]).trim();
  onCleanup(() => runTool('losetup', ['-d', device]));
  const mountPoint = join(workDir, 'mnt');
  mkdirSync(mountPoint);
  runTool('mount', ['-t', 'ext4', device, mountPoint]);
  onCleanup(() => {
    try {
      runTool('umount', [mountPoint]);
    } catch {
      runTool('umount', ['-l', mountPoint]);
    }
  });
  const rdev = statSync(device).rdev;
  const major = Math.floor(rdev / 256) & 0xfff;
  const minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
  return { mountPoint, device, kernelDev: major * 2 ** 20 + minor, deviceBytes, extents };
}

/**
 * Reads, with debugfs, which blocks hold each regular file. Hardlinks
 * share their target's blocks and are not mapped twice.
 */
function mapFileBlocks(
  imageFile: string,
  files: TraceFile[],
  workDir: string,
): BlockExtent[] {
  const wanted = files
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.kind === 'file' && f.sizeBytes > 0);
  if (wanted.length === 0) return [];
  const commands = join(workDir, 'debugfs.cmd');
  writeFileSync(
    commands,
    wanted.map(({ f }) => `blocks "/${f.path.replaceAll('"', '\\"')}"`).join('\n') + '\n',
  );
  const output = runTool('debugfs', ['-f', commands, imageFile]);
  const byPath = new Map(wanted.map(({ f, i }) => [`/${f.path}`, i]));
  const extents: BlockExtent[] = [];
  let current: number | undefined;
  for (const line of output.split('\n')) {
    const echo = /^debugfs: blocks "(.*)"$/.exec(line);
    if (echo) {
      current = byPath.get(echo[1]!.replaceAll('\\"', '"'));
      continue;
    }
    if (current === undefined || line.trim() === '') continue;
    const blocks = line.trim().split(/\s+/).map(Number);
    extents.push(...toExtents(current, blocks));
    current = undefined;
  }
  return extents;
}

/** Runs of consecutive blocks of one file. */
function toExtents(file: number, blocks: number[]): BlockExtent[] {
  const out: BlockExtent[] = [];
  blocks.forEach((block, index) => {
    const last = out[out.length - 1];
    if (
      last &&
      last.firstBlock + last.blockCount === block &&
      last.fileOffsetBytes + last.blockCount * EXT4_BLOCK_BYTES ===
        index * EXT4_BLOCK_BYTES
    ) {
      last.blockCount += 1;
    } else {
      out.push({
        file,
        fileOffsetBytes: index * EXT4_BLOCK_BYTES,
        firstBlock: block,
        blockCount: 1,
      });
    }
  });
  return out;
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
