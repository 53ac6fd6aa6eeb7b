/**
 * Max-min fair sharing against answers worked out by hand (progressive
 * filling: raise every rate together; a resource that fills up freezes the
 * activities crossing it; an activity that reaches its cap freezes alone).
 */
import test from 'ava';
import { FluidModel } from '../../sim/engine/fluid.ts';
import { Simulation } from '../../sim/engine/simulation.ts';
import { near } from './near.ts';

/** Runs `check` just after the solver has settled the rates at `atSec`. */
function probe(sim: Simulation, atSec: number, check: () => void): void {
  sim.schedule(atSec, () => sim.schedule(0, () => sim.schedule(0, check)));
}

test('two links, three flows: the flow crossing both is held by the tighter link', (t) => {
  // L1 = 10 B/s carries f0 and f1; L2 = 30 B/s carries f0 and f2.
  // Levels: L1 10/2 = 5, L2 30/2 = 15 -> L1 fills first: f0 = f1 = 5.
  // L2 keeps 30 - 5 = 25 for f2 alone.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const l1 = fluid.resource('L1', 10);
  const l2 = fluid.resource('L2', 30);
  const f0 = fluid.start(1e6, [l1, l2]);
  const f1 = fluid.start(1e6, [l1]);
  const f2 = fluid.start(1e6, [l2]);
  probe(sim, 1, () => {
    t.is(f0.rate, 5);
    t.is(f1.rate, 5);
    t.is(f2.rate, 25);
    t.is(l1.load, 10);
    t.is(l2.load, 30);
  });
  sim.run(2);
  t.is(sim.now, 2);
});

test('three flows over a chain of two equal links (the textbook case)', (t) => {
  // Both links 1 B/s; f0 crosses both, f1 only L1, f2 only L2: all get 1/2.
  // f1 and f2 (1 B each) end at t=2 with f0 at 1 B done; f0 then runs alone
  // at 1 B/s and its remaining 2 B take until t=4.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const l1 = fluid.resource('L1', 1);
  const l2 = fluid.resource('L2', 1);
  const done = new Map<string, number>();
  const go = (label: string, work: number, path: typeof l1[]) =>
    fluid.start(work, path, { label }).subscribe(() => done.set(label, sim.now));
  go('f0', 3, [l1, l2]);
  go('f1', 1, [l1]);
  go('f2', 1, [l2]);
  sim.run();
  near(t, done.get('f1')!, 2, 'f1 finish');
  near(t, done.get('f2')!, 2, 'f2 finish');
  near(t, done.get('f0')!, 4, 'f0 finish');
});

test('a flow capped below its fair share leaves the rest to the others', (t) => {
  // 90 B/s shared by three flows, one capped at 10 B/s: the other two share
  // 90 - 10 = 80, i.e. 40 each (not the 30 an even split would give).
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 90);
  const capped = fluid.start(1e6, [link], { rateCap: 10 });
  const a = fluid.start(1e6, [link]);
  const b = fluid.start(1e6, [link]);
  probe(sim, 1, () => {
    t.is(capped.rate, 10);
    t.is(a.rate, 40);
    t.is(b.rate, 40);
  });
  sim.run(2);
});

test('a cap above the fair share changes nothing', (t) => {
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 90);
  const loose = fluid.start(1e6, [link], { rateCap: 50 });
  const a = fluid.start(1e6, [link]);
  const b = fluid.start(1e6, [link]);
  probe(sim, 1, () => {
    for (const x of [loose, a, b]) t.is(x.rate, 30);
  });
  sim.run(2);
});

test('weights split a bottleneck in proportion', (t) => {
  // 90 B/s, weights 1 and 2: level 90/3 = 30, rates 30 and 60.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 90);
  const light = fluid.start(1e6, [link], { weight: 1 });
  const heavy = fluid.start(1e6, [link], { weight: 2 });
  probe(sim, 1, () => {
    t.is(light.rate, 30);
    t.is(heavy.rate, 60);
  });
  sim.run(2);
});

test('weights and a cap together', (t) => {
  // 90 B/s; heavy has weight 2 and cap 40, light weight 1.
  // Level candidates: link 90/3 = 30, heavy's cap/weight = 40/2 = 20.
  // Heavy freezes at its cap 40; light takes the remaining 50.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 90);
  const light = fluid.start(1e6, [link]);
  const heavy = fluid.start(1e6, [link], { weight: 2, rateCap: 40 });
  probe(sim, 1, () => {
    t.is(heavy.rate, 40);
    t.is(light.rate, 50);
  });
  sim.run(2);
});

test('concurrency-dependent capacity gives the hand-computed rates', (t) => {
  // A disk whose throughput falls with concurrency: 100 / (1 + 0.25 (n-1))
  // B/s, i.e. 100 alone, 80 with two requests.
  // A = 400 B and B = 200 B start together: 40 B/s each; B ends at
  // t = 200/40 = 5 with A at 400 - 200 = 200 B left; A alone at 100 B/s
  // ends at t = 5 + 2 = 7.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const disk = fluid.resource('disk', 100, (n) => 100 / (1 + 0.25 * (n - 1)));
  const a = fluid.start(400, [disk]);
  const b = fluid.start(200, [disk]);
  let doneA = -1;
  let doneB = -1;
  a.subscribe(() => (doneA = sim.now));
  b.subscribe(() => (doneB = sim.now));
  probe(sim, 1, () => {
    t.is(a.rate, 40);
    t.is(b.rate, 40);
    t.is(disk.currentCapacity(), 80);
  });
  probe(sim, 6, () => {
    t.is(a.rate, 100);
    t.is(disk.currentCapacity(), 100);
  });
  sim.run();
  near(t, doneB, 5, 'B finish');
  near(t, doneA, 7, 'A finish');
});

test('latency is paid before the transfer and loads no link meanwhile', (t) => {
  // 100 B/s. A (1000 B, latency 2 s) and B (1000 B, no latency) start at 0.
  //   0..2  B alone at 100           -> 800 B left; A is not on the link
  //   2..18 both at 50               -> B done at 2 + 800/50 = 18,
  //                                     A has 1000 - 800 = 200 B left
  //   18..20 A alone at 100          -> A done at 20
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 100);
  const a = fluid.start(1000, [link], { latencySec: 2 });
  const b = fluid.start(1000, [link]);
  let doneA = -1;
  let doneB = -1;
  a.subscribe(() => (doneA = sim.now));
  b.subscribe(() => (doneB = sim.now));
  probe(sim, 1, () => {
    t.is(a.rate, 0);
    t.is(b.rate, 100);
    t.is(link.activities.length, 1);
    t.is(link.load, 100);
    t.is(a.remainingAt(sim.now), 1000);
  });
  sim.run();
  near(t, doneB, 18, 'B finish');
  near(t, doneA, 20, 'A finish');
});

test('zero work finishes after the latency alone', (t) => {
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 100);
  let done = -1;
  fluid.start(0, [link], { latencySec: 0.025 }).subscribe(() => (done = sim.now));
  sim.run();
  t.is(done, 0.025);
});

test('cancel frees capacity at once and fails the activity', (t) => {
  // 100 B/s, A and B of 1000 B from t=0 at 50 each. A is cancelled at t=4
  // (200 B done); B has 800 B left and runs alone at 100: done at t=12.
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const link = fluid.resource('link', 100);
  const a = fluid.start(1000, [link]);
  const b = fluid.start(1000, [link]);
  let doneB = -1;
  let failure: unknown = null;
  b.subscribe(() => (doneB = sim.now));
  a.subscribe((e) => (failure = e.error));
  sim.schedule(4, () => fluid.cancel(a, new Error('worker crashed')));
  probe(sim, 5, () => {
    t.is(b.rate, 100);
    t.is(link.activities.length, 1);
  });
  sim.run();
  near(t, doneB, 12, 'B finish');
  t.true(a.failed);
  t.regex(String(failure), /worker crashed/);
  near(t, link.workDoneAt(sim.now), 1200, 'bytes through the link');
});
