/**
 * Streaming a (possibly gzip-compressed) tar archive entry by entry, with
 * the limits of `limits.ts` enforced on the way and every failure of the
 * archive itself reported as an InputError naming the archive and the entry.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { InputError } from '../../sim/errors.ts';
import type { UnpackLimits } from './limits.ts';

export type TarEntry = tar.Extract extends AsyncIterable<infer S> ? S : never;

export interface TarReadStats {
  /** Bytes of the archive file as stored (compressed or not). */
  storedBytes: number;
  /** Bytes of the tar stream once decompressed. */
  expandedBytes: number;
  /** `sha256:<hex>` of the stored bytes. */
  digest: string;
  gzipped: boolean;
  entries: number;
}

/** Expanded bytes already spent by earlier archives of the same image. */
export interface ExpansionBudget {
  usedBytes: number;
}

/**
 * Calls `onEntry` for every entry of the tar archive in `file`, in order.
 * `onEntry` must consume or resume the entry's stream. `label` names the
 * archive in errors (e.g. `image.tar!blobs/sha256/ab..`).
 */
export async function readTarEntries(
  file: string,
  label: string,
  limits: UnpackLimits,
  budget: ExpansionBudget,
  onEntry: (entry: TarEntry) => Promise<void>,
): Promise<TarReadStats> {
  const gzipped = startsWithGzipMagic(file);
  const hash = createHash('sha256');
  const stats: TarReadStats = {
    storedBytes: 0,
    expandedBytes: 0,
    digest: '',
    gzipped,
    entries: 0,
  };
  let current = '';
  let endOfLastEntry = 0;

  const fail = (problem: string) =>
    new InputError(problem, { file: label, key: current || undefined });
  const stored = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      stats.storedBytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const expanded = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      stats.expandedBytes += chunk.length;
      budget.usedBytes += chunk.length;
      if (budget.usedBytes > limits.maxExpandedBytes) {
        done(fail(`image expands past the limit of ${limits.maxExpandedBytes} bytes`));
        return;
      }
      const ratio = stats.expandedBytes / Math.max(1, stats.storedBytes);
      if (
        gzipped &&
        stats.expandedBytes > limits.ratioFloorBytes &&
        ratio > limits.maxGzipRatio
      ) {
        done(
          fail(`gzip stream expands more than ${limits.maxGzipRatio}:1 (a gzip bomb?)`),
        );
        return;
      }
      done(null, chunk);
    },
  });

  const source = createReadStream(file);
  const extract = tar.extract();
  const stages = gzipped
    ? [source, stored, createGunzip(), expanded, extract]
    : [source, stored, expanded, extract];
  const flowing = pipeline(stages as [typeof source, ...Transform[]]).catch(
    (error) => error,
  );

  try {
    for await (const entry of extract) {
      stats.entries += 1;
      current = entry.header.name;
      if (stats.entries > limits.maxEntries)
        throw fail(`more than ${limits.maxEntries} entries`);
      const size = entry.header.size ?? 0;
      if (size > limits.maxEntryBytes) {
        throw fail(
          `entry claims ${size} bytes, above the limit of ${limits.maxEntryBytes}`,
        );
      }
      endOfLastEntry =
        (headerOffset(entry) ?? endOfLastEntry) + Math.ceil(size / 512) * 512;
      await onEntry(entry);
    }
    const error = await flowing;
    if (error) throw error;
  } catch (error) {
    source.destroy();
    extract.destroy();
    await flowing;
    throw asInputError(error, label, current);
  }

  // tar ends with two zero blocks; without them the stream was cut short.
  if (stats.expandedBytes < endOfLastEntry + 1024) {
    throw new InputError('archive is truncated (no end-of-archive marker)', {
      file: label,
      key: current || undefined,
    });
  }
  stats.digest = `sha256:${hash.digest('hex')}`;
  return stats;
}

/** Drains an entry's data without keeping it. */
export async function skipEntry(entry: TarEntry): Promise<void> {
  const sink = new PassThrough();
  sink.resume();
  await pipeline(entry, sink);
}

function headerOffset(entry: TarEntry): number | undefined {
  const offset = (entry.header as { byteOffset?: number }).byteOffset;
  return typeof offset === 'number' ? offset : undefined;
}

function startsWithGzipMagic(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Errors of the archive's bytes become InputErrors; host failures stay what they are. */
function asInputError(error: unknown, label: string, entry: string): unknown {
  if (error instanceof InputError) return error;
  if (!(error instanceof Error)) return error;
  // Bugs in our own code must not pass for a bad archive.
  if (error instanceof TypeError || error instanceof ReferenceError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const hostFailure = ['ENOSPC', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE', 'EIO', 'EROFS'];
  if (hostFailure.includes(code)) return error;
  const where = { file: label, key: entry || undefined };
  if (
    code.startsWith('Z_') ||
    /zlib|gzip|incorrect header|unexpected end of file/i.test(error.message)
  ) {
    return new InputError(`corrupt or truncated gzip stream (${error.message})`, where);
  }
  if (/end of data/i.test(error.message)) {
    return new InputError('archive is truncated', where);
  }
  if (/^E[A-Z]+$/.test(code))
    return new InputError(`entry cannot be created (${error.message})`, where);
  return new InputError(`unreadable tar archive (${error.message})`, where);
}
