/**
 * A sweep, start to end. Nothing here knows what a point computes: the
 * caller passes the points, the sweep's hash and a reference to the
 * function that runs one point in a worker.
 *
 * 1. check the results folder (refuse another sweep's, unless fresh);
 * 2. pick this shard's points and skip those already stored;
 * 3. check the rest up front, so a typo fails now, not hours in, and
 *    before anything is written;
 * 4. run them in worker processes, storing each the moment it finishes;
 * 5. rebuild the tables from every stored point.
 */
import { availableParallelism } from 'node:os';
import { checkMetricPatterns, metricFilter, metricNames } from './metrics.ts';
import type { PointRecord, PointTask, SweepPoint } from './point.ts';
import { runPool, type RunnerRef } from './pool.ts';
import { createProgress } from './progress.ts';
import { inShard, type Shard } from './shard.ts';
import {
  checkStore,
  listPointIds,
  openStore,
  readPoints,
  writePoint,
  type SweepManifest,
} from './store.ts';
import { sweepRows, writeSweepTables } from './table.ts';

export interface SweepJob {
  outDir: string;
  manifest: SweepManifest;
  points: readonly SweepPoint[];
  runner: RunnerRef;
  /** Worker processes; default the number of cores. */
  jobs?: number;
  shard?: Shard;
  fresh?: boolean;
  /** `--metrics` patterns for the tables; every metric when absent. */
  metrics?: readonly string[];
  verbose?: boolean;
  /** Throws an InputError if a point cannot run (e.g. a bad value). */
  check?: (point: SweepPoint) => void;
  /** Stops the run (Ctrl-C); finished points stay stored. */
  signal?: AbortSignal;
  /** Told of a likely mistake found while the sweep runs (it goes on). */
  warn?: (message: string) => void;
}

export interface SweepOutcome {
  /** Points of this shard (all points without --shard). */
  selected: number;
  /** Of those, found already stored. */
  resumed: number;
  /** Of those, run now. */
  ran: number;
  interrupted: boolean;
  tables: string[];
  wallSec: number;
  rows: number;
}

/** Runs the points of `job` that are not stored yet; see the steps above. */
export async function runSweep(job: SweepJob): Promise<SweepOutcome> {
  const startedMs = performance.now();

  // 1. The folder.
  const fresh = job.fresh ?? false;
  checkStore(job.outDir, job.manifest, fresh);

  // 2. This shard's points, minus the stored ones.
  const selected = job.points.filter((p) => inShard(p.id, job.shard));
  const stored = new Set(fresh ? [] : listPointIds(job.outDir));
  const todo = selected.filter((p) => !stored.has(p.id));
  const resumed = selected.length - todo.length;

  // 3. Fail fast on points that cannot run, then claim the folder.
  if (job.check) for (const point of todo) job.check(point);
  openStore(job.outDir, job.manifest, fresh);

  // 4. Run.
  const byId = new Map(todo.map((p) => [p.id, p]));
  const progress = createProgress({
    total: selected.length,
    alreadyDone: resumed,
    verbose: job.verbose ?? false,
  });
  let ran = 0;
  let interrupted = false;
  try {
    await runPool(todo.map(toTask), {
      jobs: job.jobs ?? availableParallelism(),
      runner: job.runner,
      signal: job.signal,
      onResult: (task, metrics, wallSec) => {
        if (ran === 0) warnUnmatched(job, Object.keys(metrics));
        const point = byId.get(task.id)!;
        writePoint(job.outDir, toRecord(point, job.manifest.hash, metrics, wallSec));
        ran++;
        progress.pointDone(task, wallSec);
      },
    });
  } catch (error) {
    if (!job.signal?.aborted) throw error;
    interrupted = true;
  } finally {
    progress.stop();
  }
  const wallSec = (performance.now() - startedMs) / 1000;
  const counts = { selected: selected.length, resumed, ran, interrupted };
  if (interrupted) {
    return { ...counts, tables: [], wallSec, rows: 0 };
  }

  // 5. Tables from everything stored (a shard's folder holds its slice).
  const records = readPoints(job.outDir, job.manifest.hash);
  if (records.length > 0) checkMetricPatterns(job.metrics, metricNames(records));
  const rows = sweepRows(job.manifest.parameters, records, metricFilter(job.metrics));
  const tables = writeSweepTables(job.outDir, job.manifest.parameters, rows);
  return { ...counts, tables, wallSec, rows: rows.length };
}

/**
 * A `--metrics` pattern that matches nothing in the first point is most
 * likely a typo. The tables are only made at the end, where such a pattern
 * is an error; saying so now lets the user stop early (points stay stored).
 * Only a warning: another point may yet have the metric.
 */
function warnUnmatched(job: SweepJob, names: readonly string[]): void {
  if (!job.warn || !job.metrics) return;
  for (const pattern of job.metrics) {
    try {
      checkMetricPatterns([pattern], names);
    } catch {
      job.warn(
        `--metrics ${JSON.stringify(pattern)} matches no metric of the first point; ` +
          'unless a later point has one, the sweep will end with an error ' +
          '(Ctrl-C keeps the points done so far)',
      );
    }
  }
}

function toTask(point: SweepPoint): PointTask {
  return { id: point.id, sets: point.sets, seed: point.seed };
}

function toRecord(
  point: SweepPoint,
  hash: string,
  metrics: Record<string, number>,
  wallSec: number,
): PointRecord {
  return {
    point: point.id,
    hash,
    params: point.params,
    sets: point.sets,
    seed: point.seed ?? null,
    metrics,
    wall_s: Number(wallSec.toFixed(3)),
  };
}
