/**
 * Flows sharing one link: the cases a person can check with pencil and paper.
 */
import test from 'ava';
import { FluidModel } from '../../sim/engine/fluid.ts';
import { Simulation } from '../../sim/engine/simulation.ts';
import { near } from './near.ts';

test('N equal flows on one link all finish at N*S/B', (t) => {
  for (const n of [1, 2, 7, 64]) {
    const sim = new Simulation();
    const fluid = new FluidModel(sim);
    const bandwidthBytesPerSec = 1.25e8;
    const sizeBytes = 3e6;
    const link = fluid.resource('link', bandwidthBytesPerSec);
    const finishSec: number[] = [];
    for (let i = 0; i < n; i++) {
      fluid.start(sizeBytes, [link]).subscribe(() => finishSec.push(sim.now));
    }
    sim.run();
    t.is(finishSec.length, n);
    const expected = (n * sizeBytes) / bandwidthBytesPerSec;
    for (const f of finishSec) near(t, f, expected, `finish with ${n} flows`);
    near(t, link.workDoneAt(sim.now), n * sizeBytes, 'bytes through the link');
  }
});

test('a flow joining midway changes the rates as computed by hand', (t) => {
  // Link of 100 B/s. Flow A (1000 B) starts at t=0, flow B (1000 B) at t=4.
  //   0..4   A alone at 100 B/s            -> A has 1000 - 400 = 600 B left
  //   4..16  A and B at 50 B/s each        -> A done at 4 + 600/50 = 16;
  //                                           B has 1000 - 12*50 = 400 B left
  //   16..20 B alone at 100 B/s            -> B done at 16 + 400/100 = 20
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 100);
  const a = fluid.start(1000, [link], { label: 'A' });
  let doneA = -1;
  let doneB = -1;
  a.subscribe(() => (doneA = sim.now));
  const probes: Array<[number, () => void]> = [
    [2, () => {
      t.is(a.rate, 100);
      near(t, a.remainingAt(sim.now), 800, 'A remaining at t=2');
    }],
    [4, () => {
      const b = fluid.start(1000, [link], { label: 'B' });
      b.subscribe(() => (doneB = sim.now));
      sim.schedule(1, () => {
        t.is(a.rate, 50);
        t.is(b.rate, 50);
        near(t, a.remainingAt(sim.now), 550, 'A remaining at t=5');
        near(t, b.remainingAt(sim.now), 950, 'B remaining at t=5');
      });
      sim.schedule(13, () => {
        t.is(b.rate, 100);
        near(t, b.remainingAt(sim.now), 300, 'B remaining at t=17');
      });
    }],
  ];
  for (const [at, fn] of probes) sim.schedule(at, fn);
  sim.run();
  near(t, doneA, 16, 'A finish');
  near(t, doneB, 20, 'B finish');
  t.is(a.value, 1000);
});
