/**
 * A sweep's results folder:
 *
 * - `sweep.json`: the manifest (sweep hash, parameters, number of points);
 *   the same bytes for every shard, so shards may even share a folder;
 * - `points/NNNNN.json`: one file per finished point, written atomically the
 *   moment it finishes, so a killed sweep keeps what it did;
 * - `sweep.csv`, `sweep.arrow`: the tables, rebuilt from the point files.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../output/atomic.ts';
import type { PointRecord } from './point.ts';

export interface SweepManifest {
  format: 1;
  hash: string;
  scenario: string;
  parameters: string[];
  points: number;
  base_seed: number;
  seeds: string;
}

export const MANIFEST = 'sweep.json';
const POINT_FILE = /^(\d+)\.json$/;

/** The file name of point `id`. */
export function pointFileName(id: number): string {
  return `${String(id).padStart(5, '0')}.json`;
}

/** The manifest in `dir`, or undefined if there is none. */
export function readManifest(dir: string): SweepManifest | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SweepManifest;
  } catch {
    const expected = 'JSON written by sim sweep';
    throw new InputError('not a sweep manifest', { file }, { expected });
  }
}

/**
 * Throws unless `dir` can take the points of `manifest`: it is new, holds
 * this sweep, or holds no points (or `fresh` allows deleting them).
 * Writes nothing, so a sweep that fails its checks leaves the folder as it was.
 */
export function checkStore(dir: string, manifest: SweepManifest, fresh: boolean): void {
  if (fresh || listPointIds(dir).length === 0) return;
  const old = readManifest(dir);
  if (old?.hash === manifest.hash) return;
  const where = { file: dir, key: '--out' };
  throw new InputError('the results folder holds another sweep', where, {
    expected: `results of this sweep (hash ${manifest.hash.slice(0, 12)}); ` +
      'the scenario, --set, --seed or the grid changed. Use another --out, ' +
      'or --fresh to delete the old points',
    found: old
      ? `sweep ${old.hash.slice(0, 12)} (${old.scenario})`
      : 'point files without sweep.json',
  });
}

/** Checks `dir` (see checkStore), empties it when `fresh`, writes the manifest. */
export function openStore(dir: string, manifest: SweepManifest, fresh: boolean): void {
  checkStore(dir, manifest, fresh);
  if (fresh) clearStore(dir);
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Removes the files a sweep writes in `dir`, and nothing else. */
export function clearStore(dir: string): void {
  for (const id of listPointIds(dir)) rmSync(join(dir, 'points', pointFileName(id)));
  for (const name of [MANIFEST, 'sweep.csv', 'sweep.arrow']) {
    rmSync(join(dir, name), { force: true });
  }
}

/** Ids of the point files in `dir`, ascending. */
export function listPointIds(dir: string): number[] {
  const folder = join(dir, 'points');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => POINT_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** Reads every point file in `dir`; each must belong to sweep `hash`. */
export function readPoints(dir: string, hash: string): PointRecord[] {
  return listPointIds(dir).map((id) => {
    const file = join(dir, 'points', pointFileName(id));
    let record: PointRecord;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as PointRecord;
    } catch {
      const expected = 'JSON written by sim sweep';
      throw new InputError('unreadable point file', { file }, { expected });
    }
    if (record.hash !== hash || record.point !== id) {
      throw new InputError('point file of another sweep', { file }, {
        expected: `point ${id} of sweep ${hash.slice(0, 12)}`,
        found: `point ${record.point} of sweep ${String(record.hash).slice(0, 12)}`,
      });
    }
    return record;
  });
}

/** Stores a finished point atomically. */
export function writePoint(dir: string, record: PointRecord): void {
  const text = `${JSON.stringify(record, null, 1)}\n`;
  writeFileAtomic(join(dir, 'points', pointFileName(record.point)), text);
}
