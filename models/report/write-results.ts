/**
 * Writing a run's results: every file is rendered in memory first, then all
 * are written atomically in one synchronous burst with Ctrl-C held back, so
 * a failed or interrupted run leaves earlier results untouched and never a
 * half-written file. `summary.json` goes last and lists the SHA-256 of the
 * files written with it, so a set can be checked for consistency; beside the
 * per-driver figures it holds the startup quantiles per driver and image.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { perImageBars } from '../../sim/charts/specs/per-image-bars.ts';
import { startupCdf } from '../../sim/charts/specs/startup-cdf.ts';
import { timeSeries } from '../../sim/charts/specs/time-series.ts';
import { renderSvg } from '../../sim/charts/render.ts';
import { writeFileAtomic } from '../../sim/output/atomic.ts';
import { toCsv } from '../../sim/output/csv.ts';
import { roundForFile } from '../../sim/output/round.ts';
import type { RunResult } from '../pipeline.ts';
import { categoryMedians, startupByImage } from '../summary.ts';
import { CONTAINER_COLUMNS, containerRows, sec } from './tables.ts';

export interface WrittenResults {
  dir: string;
  files: string[];
}

/** Renders and writes `result` into `dir`. */
export async function writeResults(dir: string, result: RunResult): Promise<WrittenResults> {
  // 1. Render every file in memory.
  const rows = containerRows(result.records);
  const files = new Map<string, string>();
  files.set('containers.csv', toCsv(CONTAINER_COLUMNS, rows));
  const categories = categoryMedians(result.records).map((c) => ({ ...c, median_s: sec(c.median_s) }));
  files.set('categories.csv', toCsv(['category', 'cycle', 'driver', 'median_s', 'n'], categories));
  const series = result.timeseries.map((s) => ({ time_s: sec(s.timeSec), metric: s.metric, value: roundForFile(s.value), driver: s.driver }));
  if (series.length > 0) files.set('timeseries.csv', toCsv(['time_s', 'metric', 'value', 'driver'], series));
  if (result.config.outputs.charts && rows.length > 0) {
    files.set('startup-cdf.svg', await renderSvg(startupCdf(rows)));
    if (series.some((s) => s.metric === 'registry_egress_bytes_per_s')) {
      files.set('registry-egress.svg', await renderSvg(timeSeries(series, 'registry_egress_bytes_per_s')));
    }
    if (series.some((s) => s.metric === 'storage_egress_bytes_per_s' && s.value > 0)) {
      files.set('storage-egress.svg', await renderSvg(timeSeries(series, 'storage_egress_bytes_per_s')));
    }
    if (result.config.arrivals.pattern === 'isolated') {
      files.set('deployment-by-image.svg', await renderSvg(perImageBars(rows, { cycle: 'deployment' })));
    }
  }
  const { drivers, ...figures } = roundDeep(result.summary);
  const summary = {
    scenario: result.config.name,
    seed: result.config.seed,
    drivers,
    startup_by_image: roundDeep(startupByImage(result.records)),
    ...figures,
    simulation: { events: result.events, simulated_time_s: sec(result.simTimeSec) },
    files: Object.fromEntries([...files].map(([name, text]) => [name, sha256(text)])),
  };
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);

  // 2. Write them, holding Ctrl-C back until the burst is over. Files an
  // earlier run wrote, unchanged since, that this one does not write are
  // removed after, so the folder holds one run's results, not a mix.
  const stale = earlierFiles(dir).filter((name) => !files.has(name));
  const interrupted = { value: false };
  const hold = () => {
    interrupted.value = true;
  };
  process.on('SIGINT', hold);
  try {
    for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
    for (const name of stale) rmSync(join(dir, name), { force: true });
  } finally {
    process.off('SIGINT', hold);
  }
  if (interrupted.value) process.kill(process.pid, 'SIGINT');
  return { dir, files: [...files.keys()] };
}

/**
 * The result files an earlier run wrote into `dir` and nobody changed since:
 * those its summary lists (plain names only, so nothing outside the folder
 * is named) whose content still has the SHA-256 recorded there.
 */
function earlierFiles(dir: string): string[] {
  let listed: unknown;
  try {
    listed = (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { files?: unknown }).files;
  } catch {
    return [];
  }
  if (!listed || typeof listed !== 'object') return [];
  return Object.entries(listed as Record<string, unknown>)
    .filter(([name, hash]) => name === basename(name) && !name.startsWith('.') && unchanged(join(dir, name), hash))
    .map(([name]) => name);
}

/** Whether `path` is a regular file whose content has the SHA-256 `hash`. */
function unchanged(path: string, hash: unknown): boolean {
  try {
    return typeof hash === 'string' && statSync(path).isFile() && sha256(readFileSync(path, 'utf8')) === hash;
  } catch {
    return false;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Rounds every number in a JSON-like value as `roundForFile` does; non-finite ones become null. */
function roundDeep(value: unknown): any {
  if (typeof value === 'number') return Number.isFinite(value) ? roundForFile(value) : null;
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  }
  return value;
}
