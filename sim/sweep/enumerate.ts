/**
 * The points of a sweep, in one fixed order: nested loops over the grid
 * axes (the first axis varies slowest), then over the zipped rows, then
 * over the random samples. A point's id is its index in this order.
 */
import { RandomStream } from '../engine/random.ts';
import type { InputErrorWhere } from '../errors.ts';
import type { SweepPoint } from './point.ts';
import { rangeSampler } from './random-range.ts';
import { pointSeed } from './seed.ts';
import { parameterNames, type Locate, type SweepSpec } from './spec.ts';
import { setAssignment } from './values.ts';

type Choice = [path: string, value: unknown][];

/**
 * Every point of `spec`. `baseSeed` seeds the random samples and the
 * points' derived seeds. A spec with no axes has one point (no overrides).
 */
export function enumeratePoints(
  spec: SweepSpec,
  baseSeed: number,
  locate: Locate = () => ({}),
): SweepPoint[] {
  const factors: Choice[][] = spec.grid.map((axis) =>
    axis.values.map((value): Choice => [[axis.path, value]]),
  );
  if (spec.zip.length > 0) {
    const rows = spec.zip[0]!.values.map((_, i) =>
      spec.zip.map((axis): [string, unknown] => [axis.path, axis.values[i]]),
    );
    factors.push(rows);
  }
  if (spec.random) factors.push(randomSamples(spec, baseSeed, locate));

  const names = parameterNames(spec);
  return cartesian(factors).map((choice, id) => {
    const byPath = new Map(choice);
    const params: Record<string, unknown> = {};
    for (const name of names) params[name] = byPath.get(name);
    const sets = names.map((name) => setAssignment(name, byPath.get(name)));
    return { id, params, sets, seed: pointSeed(baseSeed, sets, spec.seeds) };
  });
}

/** The random rows: sample i draws every range in order from one stream. */
function randomSamples(spec: SweepSpec, baseSeed: number, locate: Locate): Choice[] {
  const random = spec.random!;
  const samplers = random.ranges.map((r) => {
    const where: InputErrorWhere = {
      ...locate(['sweep', 'random', 'ranges', r.path]),
      key: `sweep.random.ranges.${r.path}`,
    };
    return { path: r.path, draw: rangeSampler(r.low, r.high, where) };
  });
  const stream = new RandomStream(`${baseSeed}:sweep.random`);
  const rows: Choice[] = [];
  for (let i = 0; i < random.samples; i++) {
    rows.push(samplers.map((s): [string, unknown] => [s.path, s.draw(stream)]));
  }
  return rows;
}

/** All combinations, one element from each factor; the first varies slowest. */
function cartesian(factors: Choice[][]): Choice[] {
  let combos: Choice[] = [[]];
  for (const factor of factors) {
    const next: Choice[] = [];
    for (const combo of combos) for (const item of factor) next.push([...combo, ...item]);
    combos = next;
  }
  return combos;
}
