/**
 * Per-point seeds vary a sweep's randomness, not its workload: every point
 * draws the synthetic catalogue from the base seed, unless it sets
 * `workload.catalogue_seed` itself.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { buildImages } from '../../models/pipeline.ts';
import { parseScenario } from '../../models/scenario/load.ts';
import { planSweep } from '../../models/sweep/plan.ts';
import type { PointContext } from '../../models/sweep/run-point.ts';
import { TINY } from './helpers.ts';

/** The image sizes a point of the tiny sweep runs with. */
function pointImages(options: Parameters<typeof planSweep>[1], index: number): number[] {
  const plan = planSweep(TINY, options);
  const context = plan.runner.context as PointContext;
  const point = plan.points[index]!;
  const config = parseScenario(TINY, readFileSync(TINY, 'utf8'), {
    sets: [...context.sets, ...point.sets],
    seed: point.seed,
  });
  return buildImages(config).map((image) => image.layers.reduce((sum, l) => sum + l.compressedBytes, 0));
}

test('points with their own seeds run the same synthetic images', (t) => {
  const plan = planSweep(TINY);
  t.not(plan.points[0]!.seed, plan.points[3]!.seed);
  t.deepEqual(pointImages({}, 3), pointImages({}, 0));
  // ... the images of the base seed, which another base seed changes.
  t.notDeepEqual(pointImages({ seed: 8 }, 0), pointImages({}, 0));
});

test('a grid over the catalogue seed still varies the images', (t) => {
  const grid = ['workload.catalogue_seed=1,2'];
  t.notDeepEqual(pointImages({ grid }, 0), pointImages({ grid }, 1));
  t.deepEqual(pointImages({ grid }, 0), pointImages({ grid }, 2));
});
