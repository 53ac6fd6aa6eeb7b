/**
 * The share-group machinery at a larger scale than the property test: many
 * flows behind shared server uplinks, each worker with its own link, some
 * capped, some weighted, some workers running two flows at once, arrivals
 * and cancellations spread over time. The rates must be max-min fair at
 * every probe, and an unrelated part of the network must not be re-rated.
 */
import test from 'ava';
import { FluidModel, type Activity } from '../../sim/engine/fluid.ts';
import { RandomStreams } from '../../sim/engine/random.ts';
import { Simulation } from '../../sim/engine/simulation.ts';
import { checkRates } from './maxmin-check.ts';

test('a mixed crowd of 600 flows stays max-min fair at every probe', (t) => {
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const random = new RandomStreams(5).stream('mixed crowd');
  const servers = [fluid.resource('server A', 1.25e9), fluid.resource('server B', 6e8)];
  const disk = fluid.resource('server disk', 1.5e9, (n) => 1.5e9 / (1 + 0.001 * (n - 1)));
  const workers = Array.from({ length: 300 }, (_, i) =>
    fluid.resource(`worker ${i}`, random.pick([1.25e8, 1.25e8, 2.5e8])),
  );
  const all = [...servers, disk, ...workers];
  const flows: Activity[] = [];
  let finished = 0;
  for (let k = 0; k < 600; k++) {
    const worker = workers[k % 300]!;
    const server = servers[random.int(0, 1)]!;
    const path = random.next() < 0.3 ? [disk, server, worker] : [server, worker];
    const startSec = random.uniform(0, 20);
    const options = {
      ...(random.next() < 0.2 ? { rateCap: random.uniform(2e7, 2e8) } : {}),
      weight: random.pick([1, 1, 1, 2]),
    };
    sim.schedule(startSec, () => {
      const flow = fluid.start(random.uniform(1e8, 1e9), path, options);
      flow.subscribe((e) => !e.failed && finished++);
      flows.push(flow);
      if (random.next() < 0.05) sim.schedule(random.uniform(0, 5), () => fluid.cancel(flow));
    });
  }
  let probes = 0;
  let problem: string | null = null;
  for (let k = 0; k < 400; k++) {
    sim.schedule(k * 0.5 + 0.123, () => {
      problem ??= checkRates(all);
      probes++;
    });
  }
  sim.run();
  t.is(problem, null);
  t.is(probes, 400);
  t.true(finished >= 540, `finished ${finished}`);
  t.true(flows.every((f) => f.triggered));
  for (const r of all) t.true(r.peakUtilisation <= 1 + 1e-9, `${r.name} ${r.peakUtilisation}`);
});

test('a change in one part of the network re-rates nothing elsewhere', (t) => {
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const left = fluid.resource('left', 100);
  const right = fluid.resource('right', 100);
  for (let i = 0; i < 50; i++) fluid.start(1e6, [left, fluid.resource(`l${i}`, 10)]);
  const lone = fluid.start(1e6, [right]);
  sim.run(1);
  const before = fluid.groupsSolved;
  t.is(lone.rate, 100);
  // A second flow on the right halves its rates. The solver visits only the
  // right's groups (the lone flow's old group and the pair's new one), never
  // the group of the fifty flows on the left.
  const other = fluid.start(1e6, [right]);
  sim.run(2);
  t.is(lone.rate, 50);
  t.is(other.rate, 50);
  const visited = fluid.groupsSolved - before;
  t.true(visited > 0 && visited <= 3, `${visited} groups visited`);
});
