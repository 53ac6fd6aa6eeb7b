/** Shared set-up for the sweep tests: the tiny fixture, run in-process. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSweep, type SweepPlanOptions } from '../../models/sweep/plan.ts';
import { runSweep, type SweepOutcome } from '../../sim/sweep/run-sweep.ts';
import type { Shard } from '../../sim/sweep/shard.ts';

/** One image, deployment only, a 2 x 2 grid in its `sweep:` section. */
export const TINY = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));

export interface TinyRun extends SweepPlanOptions {
  jobs?: number;
  shard?: Shard;
  fresh?: boolean;
  metrics?: string[];
}

/** Runs the tiny sweep into `out`. */
export function runTiny(out: string, options: TinyRun = {}): Promise<SweepOutcome> {
  const plan = planSweep(TINY, options);
  return runSweep({
    outDir: out,
    manifest: plan.manifest,
    points: plan.points,
    runner: plan.runner,
    jobs: options.jobs ?? 1,
    shard: options.shard,
    fresh: options.fresh,
    metrics: options.metrics,
    check: plan.check,
  });
}

/** A new empty folder under the system's temporary folder. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `sim-sweep-${name}-`));
}

export function bytes(dir: string, file: string): Buffer {
  return readFileSync(join(dir, file));
}
