/**
 * Running one sweep point, inside a worker process: the scenario text with
 * the point's overrides, through the ordinary pipeline, reduced to the
 * numeric leaves of its summary.
 */
import type { PointTask } from '../../sim/sweep/point.ts';
import { flattenNumbers } from '../../sim/sweep/metrics.ts';
import { runScenario } from '../pipeline.ts';
import { parseScenario } from '../scenario/load.ts';

/** What every point of a sweep shares; plain data, sent to each worker. */
export interface PointContext {
  /** The scenario's path, for messages and for files it names. */
  file: string;
  /** The scenario's text as read once by the main process. */
  text: string;
  /** `--set` overrides applied before the point's own. */
  sets: string[];
}

/**
 * Runs point `task` and returns its metrics: `drivers.<name>.<figure>`
 * (seconds), `speedup.<cycle>` (ratios), `aufs_pull_share` and the other
 * summary figures, plus `simulation.events` and `simulation.simulated_time_s`.
 */
export function runSweepPoint(
  context: PointContext,
  task: PointTask,
): Record<string, number> {
  const config = parseScenario(context.file, context.text, {
    sets: [...context.sets, ...task.sets],
    seed: task.seed,
  });
  const result = runScenario(config);
  return flattenNumbers({
    ...result.summary,
    simulation: { events: result.events, simulated_time_s: result.simTimeSec },
  });
}
