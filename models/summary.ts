/**
 * The headline figures of a run, named as the Slacker paper names them:
 * per-driver medians, AUFS-over-Slacker speedups (the median over images of
 * the per-image ratio), the share of AUFS startup spent pulling, and the
 * catalogue's read and depth aggregates.
 */
import { median, quantile } from '../sim/stats/quantile.ts';
import { deepDataFraction, startupReadFraction } from './catalogue/aggregates.ts';
import type { ContainerRecord } from './experiment.ts';
import type { Image } from './image.ts';

export interface DriverSummary {
  containers: number;
  median_pull_s: number;
  median_run_s: number;
  median_push_s: number;
  median_total_s: number;
  mean_total_s: number;
  p90_total_s: number;
  p99_total_s: number;
  max_total_s: number;
  last_ready_s: number;
}

export interface Summary {
  drivers: Record<string, DriverSummary>;
  /** Per driver: request and byte counters, and hit ratios of bounded caches. */
  counters?: Record<string, Record<string, number>>;
  speedup?: { deployment: number; development: number; pull: number; push: number; run: number };
  aufs_pull_share?: number;
  startup_read_fraction: number;
  deep_data_fraction: number;
  images: number;
}

export function summarize(records: readonly ContainerRecord[], images: readonly Image[]): Summary {
  const drivers: Record<string, DriverSummary> = {};
  for (const name of [...new Set(records.map((r) => r.driver))]) {
    const rows = records.filter((r) => r.driver === name && r.run === 1);
    const totals = rows.map((r) => r.totalSec);
    const pushes = rows.filter((r) => r.cycle === 'development').map((r) => r.pushSec);
    drivers[name] = {
      containers: rows.length,
      median_pull_s: median(rows.map((r) => r.pullSec)),
      median_run_s: median(rows.map((r) => r.runSec)),
      median_push_s: pushes.length ? median(pushes) : 0,
      median_total_s: median(totals),
      mean_total_s: totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length),
      p90_total_s: quantile(totals, 0.9),
      p99_total_s: quantile(totals, 0.99),
      max_total_s: Math.max(...totals),
      last_ready_s: Math.max(...rows.map((r) => r.readySec)),
    };
  }
  const summary: Summary = {
    drivers,
    startup_read_fraction: startupReadFraction(images),
    deep_data_fraction: deepDataFraction(images),
    images: images.length,
  };
  const aufs = records.filter((r) => r.driverKind === 'aufs' && r.run === 1);
  const slacker = records.filter((r) => r.driverKind === 'slacker' && r.run === 1);
  const aufsName = aufs[0]?.driver;
  const slackerName = slacker[0]?.driver;
  const deployAufs = aufs.filter((r) => r.driver === aufsName && r.cycle === 'deployment');
  if (deployAufs.length > 0) {
    const pull = deployAufs.reduce((a, r) => a + r.pullSec, 0);
    const run = deployAufs.reduce((a, r) => a + r.runSec, 0);
    summary.aufs_pull_share = pull / (pull + run);
  }
  if (aufsName && slackerName) {
    const ratio = (cycle: string, pick: (r: ContainerRecord) => number) =>
      medianRatio(
        aufs.filter((r) => r.driver === aufsName && r.cycle === cycle),
        slacker.filter((r) => r.driver === slackerName && r.cycle === cycle),
        pick,
      );
    summary.speedup = {
      deployment: ratio('deployment', (r) => r.pullSec + r.runSec),
      development: ratio('development', (r) => r.pushSec + r.pullSec + r.runSec),
      pull: ratio('deployment', (r) => r.pullSec),
      push: ratio('development', (r) => r.pushSec),
      run: ratio('deployment', (r) => r.runSec),
    };
  }
  return summary;
}

/** Startup-time distribution of one image under one driver, in seconds. */
export interface ImageStartup {
  containers: number;
  p50_total_s: number;
  p90_total_s: number;
  p99_total_s: number;
  max_total_s: number;
}

/**
 * Per driver, then per image (sorted by name): how many containers started
 * and the quantiles of their startup time (`totalSec`, seconds from start to
 * ready), over the same first runs as the per-driver figures. Kept out of
 * `Summary` so that sweeps, which tabulate every summary number, do not get
 * a column per image; `summary.json` carries it beside `drivers`.
 */
export function startupByImage(
  records: readonly ContainerRecord[],
): Record<string, Record<string, ImageStartup>> {
  const groups = new Map<string, Map<string, number[]>>();
  for (const r of records) {
    if (r.run !== 1) continue;
    let images = groups.get(r.driver);
    if (!images) groups.set(r.driver, (images = new Map()));
    let totals = images.get(r.image);
    if (!totals) images.set(r.image, (totals = []));
    totals.push(r.totalSec);
  }
  const out: Record<string, Record<string, ImageStartup>> = {};
  for (const [driver, images] of groups) {
    const perImage: Record<string, ImageStartup> = {};
    for (const image of [...images.keys()].sort()) {
      const totals = images.get(image)!;
      perImage[image] = {
        containers: totals.length,
        p50_total_s: quantile(totals, 0.5),
        p90_total_s: quantile(totals, 0.9),
        p99_total_s: quantile(totals, 0.99),
        max_total_s: Math.max(...totals),
      };
    }
    out[driver] = perImage;
  }
  return out;
}

/** Median over images of (time with A) / (time with B). */
function medianRatio(a: ContainerRecord[], b: ContainerRecord[], pick: (r: ContainerRecord) => number): number {
  const byImage = new Map(b.map((r) => [r.image, r]));
  const ratios: number[] = [];
  for (const r of a) {
    const other = byImage.get(r.image);
    if (other && pick(other) > 0) ratios.push(pick(r) / pick(other));
  }
  return median(ratios);
}

/** Medians of total time per category and driver, for the printed table. */
export function categoryMedians(records: readonly ContainerRecord[]): { category: string; cycle: string; driver: string; median_s: number; n: number }[] {
  const groups = new Map<string, ContainerRecord[]>();
  for (const r of records) {
    if (r.run !== 1) continue;
    const key = `${r.category}\u0000${r.cycle}\u0000${r.driver}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, rows]) => {
      const [category, cycle, driver] = key.split('\u0000') as [string, string, string];
      return { category, cycle, driver, median_s: median(rows.map((r) => r.totalSec)), n: rows.length };
    })
    .sort((x, y) => x.category.localeCompare(y.category) || x.cycle.localeCompare(y.cycle) || x.driver.localeCompare(y.driver));
}
