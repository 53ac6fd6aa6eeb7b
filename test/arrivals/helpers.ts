/** Shared pieces of the arrival tests: fixture paths, images, the invariants. */
import { fileURLToPath } from 'node:url';
import type { ArrivalList } from '../../models/arrivals/arrival.ts';
import { InputError } from '../../sim/errors.ts';

export const IMAGES = ['busybox', 'redis', 'python'] as const;

/** Path of a file in scenarios/fixtures/arrivals/. */
export function fixture(name: string): string {
  return fileURLToPath(
    new URL(`../../scenarios/fixtures/arrivals/${name}`, import.meta.url),
  );
}

/**
 * What every successful import must satisfy: starts finite, >= 0, below
 * `endSec`, in ascending order, each naming one of `images` when it names one.
 * Returns a description of the first broken rule, or undefined.
 */
export function brokenInvariant(
  list: ArrivalList,
  images: readonly string[],
  endSec = Infinity,
): string | undefined {
  let previous = 0;
  for (const [i, a] of list.arrivals.entries()) {
    if (!Number.isFinite(a.startSec) || a.startSec < 0)
      return `start ${i} is ${a.startSec}`;
    if (!(a.startSec <= endSec))
      return `start ${i} at ${a.startSec} s is past ${endSec} s`;
    if (a.startSec < previous)
      return `start ${i} at ${a.startSec} s comes after ${previous} s`;
    if (a.image !== undefined && !images.includes(a.image))
      return `start ${i} names ${a.image}`;
    previous = a.startSec;
  }
  return undefined;
}

/** Rethrows anything but an InputError naming `file` (first in its message). */
export function expectInputError(error: unknown, file: string): InputError {
  if (!(error instanceof InputError)) throw error;
  if (error.where.file !== file || !error.message.startsWith(file)) {
    throw new Error(`InputError does not name ${file}: ${error.message}`);
  }
  return error;
}

/** How many starts run each image. */
export function perImage(list: ArrivalList): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of list.arrivals)
    out[a.image ?? '(round robin)'] = (out[a.image ?? '(round robin)'] ?? 0) + 1;
  return out;
}

/** Random edits to a text: insert or overwrite short pieces that break formats. */
export function mutate(text: string, edits: [number, string, boolean][]): string {
  let out = text;
  for (const [at, piece, replace] of edits) {
    const i = at % (out.length + 1);
    out =
      out.slice(0, i) + piece + out.slice(replace ? i + Math.max(1, piece.length) : i);
  }
  return out;
}
