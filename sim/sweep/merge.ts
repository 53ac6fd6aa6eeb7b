/**
 * Combining the folders of a sharded sweep into one.
 *
 * 1. read every folder's manifest: all must be the same sweep (hash);
 * 2. read their points: no point may come from two folders;
 * 3. find the points no folder has, and refuse unless partial is allowed;
 * 4. copy the points into the output folder and rebuild the tables there.
 *
 * The output is an ordinary sweep folder: `sim sweep` with the original
 * arguments and `--out` pointing at it resumes into it.
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { checkMetricPatterns, metricFilter, metricNames } from './metrics.ts';
import type { PointRecord } from './point.ts';
import {
  openStore,
  readManifest,
  readPoints,
  writePoint,
  type SweepManifest,
} from './store.ts';
import { sweepRows, writeSweepTables } from './table.ts';

export interface MergeOptions {
  dirs: readonly string[];
  outDir: string;
  /** Write the tables even when points are missing. */
  allowMissing?: boolean;
  /** Replace another sweep's files in the output folder. */
  fresh?: boolean;
  metrics?: readonly string[];
}

export interface MergeOutcome {
  manifest: SweepManifest;
  points: number;
  missing: number[];
  tables: string[];
  rows: number;
}

/** Merges shard folders; see the steps above. */
export function mergeSweeps(options: MergeOptions): MergeOutcome {
  // 1. One sweep.
  const manifest = commonManifest(options.dirs);

  // 2. Points, each from exactly one folder.
  const from = new Map<number, string>();
  const records: PointRecord[] = [];
  for (const dir of options.dirs) {
    for (const record of readPoints(dir, manifest.hash)) {
      const other = from.get(record.point);
      if (other !== undefined) {
        throw new InputError('shards overlap', { file: dir }, {
          expected: 'each point in one folder only (check the --shard of each job)',
          found: `point ${record.point} also in ${other}`,
        });
      }
      from.set(record.point, dir);
      records.push(record);
    }
  }

  // 3. Missing points.
  const missing: number[] = [];
  for (let id = 0; id < manifest.points; id++) if (!from.has(id)) missing.push(id);
  if (missing.length > 0 && !options.allowMissing) {
    throw new InputError(`${missing.length} of ${manifest.points} points missing`, {}, {
      expected: 'every point in some folder (rerun the shards that failed, ' +
        'or pass --allow-missing for partial tables)',
      found: `no results for points ${formatIds(missing)}`,
    });
  }

  // 4. One folder with everything.
  const inputs = new Set(options.dirs.map((d) => resolve(d)));
  openStore(options.outDir, manifest, options.fresh ?? false);
  if (!inputs.has(resolve(options.outDir))) {
    for (const record of records) writePoint(options.outDir, record);
  }
  if (records.length > 0) checkMetricPatterns(options.metrics, metricNames(records));
  const rows = sweepRows(manifest.parameters, records, metricFilter(options.metrics));
  const tables = writeSweepTables(options.outDir, manifest.parameters, rows);
  return { manifest, points: records.length, missing, tables, rows: rows.length };
}

function commonManifest(dirs: readonly string[]): SweepManifest {
  if (dirs.length === 0) {
    const expected = 'at least one sweep folder';
    throw new InputError('', { key: 'sim merge' }, { expected });
  }
  let first: { dir: string; manifest: SweepManifest } | undefined;
  for (const dir of dirs) {
    const manifest = readManifest(dir);
    if (!manifest) {
      throw new InputError('not a sweep folder', { file: dir }, {
        expected: 'a folder with sweep.json',
      });
    }
    if (first && manifest.hash !== first.manifest.hash) {
      throw new InputError('folders of different sweeps', { file: dir }, {
        expected: `sweep ${first.manifest.hash.slice(0, 12)} like ${first.dir}`,
        found: `sweep ${manifest.hash.slice(0, 12)} (${manifest.scenario})`,
      });
    }
    first ??= { dir, manifest };
  }
  return first!.manifest;
}

/** `0-3, 7, 9-12`: ids as ranges, the first 20 ranges at most. */
export function formatIds(ids: readonly number[]): string {
  const ranges: string[] = [];
  let start = ids[0];
  for (let i = 1; i <= ids.length; i++) {
    if (i < ids.length && ids[i] === ids[i - 1]! + 1) continue;
    const end = ids[i - 1]!;
    ranges.push(start === end ? `${start}` : `${start}-${end}`);
    start = ids[i];
  }
  const shown = ranges.slice(0, 20).join(', ');
  return ranges.length > 20 ? `${shown}, ... (${ranges.length - 20} more ranges)` : shown;
}
