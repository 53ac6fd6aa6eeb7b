/**
 * Property test of the fluid solver on random small networks: capacities are
 * never exceeded, every byte is accounted for, and the rates are max-min
 * optimal (each activity is held either by its own cap or by a full resource
 * on which no other activity gets more per unit of weight).
 */
import test from 'ava';
import fc from 'fast-check';
import { FluidModel } from '../../sim/engine/fluid.ts';
import { Simulation } from '../../sim/engine/simulation.ts';
import { checkRates } from './maxmin-check.ts';

const TOL = 1e-9;

const resourceSpec = fc.record({
  capacity: fc.integer({ min: 1, max: 200 }),
  decay: fc.option(fc.constantFrom(0.1, 0.5, 1), { nil: null }),
});

const network = fc
  .array(resourceSpec, { minLength: 1, maxLength: 4 })
  .chain((resources) =>
    fc.record({
      resources: fc.constant(resources),
      activities: fc.array(
        fc.record({
          work: fc.integer({ min: 0, max: 1000 }),
          startSec: fc.integer({ min: 0, max: 20 }),
          resources: fc.uniqueArray(fc.integer({ min: 0, max: resources.length - 1 }), {
            minLength: 1,
            maxLength: resources.length,
          }),
          rateCap: fc.option(fc.integer({ min: 1, max: 150 }), { nil: null }),
          weight: fc.constantFrom(1, 1, 2, 0.5),
          latencySec: fc.constantFrom(0, 0, 0.3),
          cancelAfterSec: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 5 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  );

test('random networks: within capacity, all work accounted, max-min optimal', (t) => {
  fc.assert(
    fc.property(network, (spec) => {
      const sim = new Simulation();
      const fluid = new FluidModel(sim);
      const resources = spec.resources.map((r, i) =>
        r.decay === null
          ? fluid.resource(`r${i}`, r.capacity)
          : fluid.resource(`r${i}`, r.capacity, (n) => r.capacity / (1 + r.decay! * (n - 1))),
      );
      const expectedWork = resources.map(() => 0);
      const finishedAt: number[] = [];
      let problem: string | null = null;

      spec.activities.forEach((a, i) => {
        sim.schedule(a.startSec, () => {
          const path = a.resources.map((k) => resources[k]!);
          const activity = fluid.start(a.work, path, {
            label: `a${i}`,
            weight: a.weight,
            latencySec: a.latencySec,
            ...(a.rateCap === null ? {} : { rateCap: a.rateCap }),
          });
          activity.subscribe((e) => {
            if (e.failed) return;
            finishedAt[i] = sim.now;
            for (const k of a.resources) expectedWork[k]! += a.work;
          });
          if (a.cancelAfterSec !== null) {
            sim.schedule(a.cancelAfterSec, () => {
              if (activity.triggered) return;
              const doneWork = a.work - activity.remainingAt(sim.now);
              for (const k of a.resources) expectedWork[k]! += doneWork;
              fluid.cancel(activity);
            });
          }
        });
      });
      // Probe between the integer instants at which things start or stop.
      for (let k = 0; k < 400; k++) {
        sim.schedule(k * 0.25 + 0.0625, () => {
          problem ??= checkRates(resources);
        });
      }
      sim.run();

      if (problem) throw new Error(problem);
      for (const r of resources) {
        if (r.peakUtilisation > 1 + TOL) return false;
        if (r.activities.length !== 0) return false;
      }
      for (let k = 0; k < resources.length; k++) {
        const done = resources[k]!.workDoneAt(sim.now);
        if (Math.abs(done - expectedWork[k]!) > 1e-6 * Math.max(1, expectedWork[k]!)) {
          return false;
        }
      }
      // No activity may beat its best possible time (alone at its tightest limit).
      return spec.activities.every((a, i) => {
        if (finishedAt[i] === undefined) return a.cancelAfterSec !== null;
        const fastest = Math.min(
          a.rateCap ?? Infinity,
          ...a.resources.map((k) => spec.resources[k]!.capacity),
        );
        return finishedAt[i] >= a.startSec + a.latencySec + a.work / fastest - 1e-9;
      });
    }),
    { numRuns: 300, seed: 20261203 },
  );
  // fc.assert throws (and fails the test) on the first counterexample.
  t.pass();
});
