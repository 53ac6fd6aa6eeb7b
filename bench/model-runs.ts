/**
 * Benchmarks of whole model runs, through the same path as `sim run` and
 * `sim sweep`: HelloBench end to end, flash crowds of the AUFS and Slacker
 * models at growing worker counts, and a sweep on one or two worker processes.
 * Each returns its engine event count and a short text of simulated results,
 * so that a speed-up that changes the figures shows in the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarioFile } from '../models/pipeline.ts';
import { planSweep } from '../models/sweep/plan.ts';
import { runSweep } from '../sim/sweep/run-sweep.ts';

export interface ModelRunResult {
  events: number;
  result: string;
}

const scenario = (name: string) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

/** The 57 HelloBench images, both drivers, deployment and development cycles. */
export function runHelloBench(): ModelRunResult {
  const r = runScenarioFile(scenario('hellobench.yaml'));
  const s = r.summary.speedup;
  const result = s
    ? `deploy_x:${s.deployment.toFixed(3)},dev_x:${s.development.toFixed(3)}`
    : 'no speedup';
  return { events: r.events, result };
}

/**
 * scenarios/flash-crowd.yaml (every worker starts the traced redis at t=0,
 * 25 racks) with `workers` workers and one driver kind (`aufs` or `slacker`).
 */
export function runModelCrowd(kind: string, workers: number): ModelRunResult {
  const r = runScenarioFile(scenario('flash-crowd.yaml'), {
    sets: [`testbed.workers.count=${workers}`, `drivers=[{name: ${kind}, kind: ${kind}}]`],
  });
  const ready = r.records.map((c) => c.readySec).sort((a, b) => a - b);
  const p50 = ready[Math.floor(ready.length / 2)] ?? NaN;
  const last = ready[ready.length - 1] ?? NaN;
  return { events: r.events, result: `p50_ready:${p50.toFixed(6)},last_ready:${last.toFixed(6)}` };
}

/**
 * The sweep: scenarios/flash-crowd.yaml cut to 150 workers in 5 racks, both
 * drivers, over 4 NFS read sizes x 4 rack uplinks x 2 worker NICs = 32
 * points. Each point is a small crowd (about half a second), the size of
 * point users sweep; much smaller points would time the start of the
 * worker processes (about half a second each) rather than the sweep.
 */
export const SWEEP_SETS = ['testbed.workers.count=400', 'testbed.workers.racks=8'];
export const SWEEP_GRID = [
  'drivers[1].nfs_read_size=16KiB,64KiB,256KiB,1MiB',
  'testbed.network.rack_uplink=10Gbit/s,20Gbit/s,40Gbit/s,100Gbit/s',
  'testbed.workers.nic=1Gbit/s,10Gbit/s',
];
export const SWEEP_POINTS = 32;

/** Runs the 32-point sweep on `jobs` worker processes into a scratch folder. */
export async function runSweepBench(jobs: number): Promise<ModelRunResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'slacker-sim-bench-sweep-'));
  try {
    const plan = planSweep(scenario('flash-crowd.yaml'), { sets: SWEEP_SETS, grid: SWEEP_GRID });
    if (plan.points.length !== SWEEP_POINTS) {
      throw new Error(`sweep bench expects ${SWEEP_POINTS} points, planned ${plan.points.length}`);
    }
    const outcome = await runSweep({
      outDir,
      manifest: plan.manifest,
      points: plan.points,
      runner: plan.runner,
      jobs,
      fresh: true,
      check: plan.check,
    });
    // Points run in worker processes; their engine events, CPU time and memory are not counted here.
    return { events: 0, result: `points:${outcome.ran},rows:${outcome.rows}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
