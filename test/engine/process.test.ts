/**
 * Processes, events and the run loop: ordering, interrupts, failures,
 * joins, stuck-process reports and run limits.
 */
import test from 'ava';
import { SimulationError } from '../../sim/errors.ts';
import { Interrupt } from '../../sim/engine/event.ts';
import { Semaphore } from '../../sim/engine/semaphore.ts';
import { Simulation } from '../../sim/engine/simulation.ts';

test('simultaneous callbacks run in insertion order', (t) => {
  const sim = new Simulation();
  const seen: string[] = [];
  // Inserted out of time order on purpose: only equal times are tied.
  sim.schedule(2, () => seen.push('late'));
  for (const name of ['a', 'b', 'c', 'd', 'e']) sim.schedule(1, () => seen.push(name));
  sim.schedule(0.5, () => sim.schedule(0.5, () => seen.push('f (inserted last)')));
  sim.run();
  t.deepEqual(seen, ['a', 'b', 'c', 'd', 'e', 'f (inserted last)', 'late']);
});

test('processes woken at the same time resume in the order they waited', (t) => {
  const sim = new Simulation();
  const gate = sim.event<string>('gate');
  const seen: string[] = [];
  for (const name of ['p1', 'p2', 'p3']) {
    sim.process(
      (function* () {
        const v: string = yield gate;
        seen.push(`${name}:${v}`);
      })(),
      name,
    );
  }
  sim.schedule(3, () => gate.succeed('open'));
  sim.run();
  t.deepEqual(seen, ['p1:open', 'p2:open', 'p3:open']);
  t.is(sim.now, 3);
});

test('processes started at one instant take their first steps in start order', (t) => {
  const sim = new Simulation();
  const seen: number[] = [];
  for (let i = 0; i < 5; i++) {
    sim.process(
      (function* () {
        seen.push(i);
        yield 1;
        seen.push(10 + i);
      })(),
    );
  }
  sim.run();
  t.deepEqual(seen, [0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
});

test('an interrupt is thrown at the yield, and the abandoned wait never resumes it', (t) => {
  const sim = new Simulation();
  const log: string[] = [];
  const sleeper = sim.process(
    (function* () {
      try {
        yield 10;
        log.push(`woke normally at ${sim.now}`);
      } catch (e) {
        t.true(e instanceof Interrupt);
        log.push(`interrupted at ${sim.now} by ${(e as Interrupt).cause}`);
      }
      yield 1;
      log.push(`done at ${sim.now}`);
      return 'ok';
    })(),
    'sleeper',
  );
  sim.schedule(3, () => sleeper.interrupt('preempted'));
  sim.run();
  t.deepEqual(log, ['interrupted at 3 by preempted', 'done at 4']);
  t.is(sleeper.value, 'ok');
  // The abandoned 10 s sleep still drains from the queue, but resumes nobody.
  t.is(sim.now, 10);
});

test('an interrupt while waiting on an event detaches from that event', (t) => {
  const sim = new Simulation();
  const never = sim.event('never');
  const log: string[] = [];
  const p = sim.process(
    (function* () {
      try {
        yield never;
      } catch (e) {
        log.push(String((e as Interrupt).cause));
      }
      yield 2;
      log.push(`t=${sim.now}`);
    })(),
    'waiter',
  );
  sim.schedule(1, () => p.interrupt('stop'));
  sim.schedule(1.5, () => never.succeed());
  sim.run();
  t.deepEqual(log, ['stop', 't=3']);
});

test('a failing child propagates its error to a waiting parent', (t) => {
  const sim = new Simulation();
  const child = sim.process(
    (function* () {
      yield 2;
      throw new Error('disk full');
    })(),
    'child',
  );
  let caught = '';
  let caughtAt = -1;
  sim.process(
    (function* () {
      try {
        yield child;
      } catch (e) {
        caught = (e as Error).message;
        caughtAt = sim.now;
      }
    })(),
    'parent',
  );
  sim.run();
  t.is(caught, 'disk full');
  t.is(caughtAt, 2);
  t.true(child.failed);
});

test('a failure nobody waits for stops the run and names the process', (t) => {
  const sim = new Simulation();
  sim.process(
    (function* () {
      yield 1;
      throw new Error('boom');
    })(),
    'lonely',
  );
  const error = t.throws(() => sim.run());
  t.regex(error!.message, /lonely/);
  t.regex(error!.message, /boom/);
  t.is(sim.now, 1);
});

test('allOf succeeds when the last event does, with values in the given order', (t) => {
  const sim = new Simulation();
  const all = sim.allOf([sim.timeout(1, 'a'), sim.timeout(3, 'b'), sim.timeout(2, 'c')]);
  let at = -1;
  let values: string[] = [];
  sim.process(
    (function* () {
      values = yield all;
      at = sim.now;
    })(),
  );
  sim.run();
  t.deepEqual(values, ['a', 'b', 'c']);
  t.is(at, 3);
});

test('allOf fails as soon as one event fails', (t) => {
  const sim = new Simulation();
  const bad = sim.event('bad');
  sim.schedule(1, () => bad.fail(new Error('lost')));
  const all = sim.allOf([sim.timeout(5), bad]);
  let at = -1;
  let message = '';
  sim.process(
    (function* () {
      try {
        yield all;
      } catch (e) {
        message = (e as Error).message;
        at = sim.now;
      }
    })(),
  );
  sim.run();
  t.is(message, 'lost');
  t.is(at, 1);
});

test('stuck-process detection names the process and what it waits on', (t) => {
  const sim = new Simulation();
  const gate = sim.event('the registry reply');
  const slot = new Semaphore(sim, 1, 'pull slots');
  sim.process(
    (function* () {
      yield gate;
    })(),
    'worker-7 pull',
  );
  sim.process(
    (function* () {
      yield slot.acquire(); // granted, never released
      yield 1;
    })(),
    'holder',
  );
  sim.process(
    (function* () {
      yield 0.5;
      yield slot.acquire();
    })(),
    'second',
  );
  sim.process(
    (function* () {
      yield gate;
    })(),
    'watcher',
    true,
  );
  sim.run();
  const stuck = sim.stuckProcesses();
  t.deepEqual(
    stuck.map((s) => `${s.name} / ${s.waitingOn}`).sort(),
    ['second / a slot of pull slots', 'worker-7 pull / the registry reply'],
  );
  const error = t.throws(() => sim.assertAllFinished(), { instanceOf: SimulationError });
  t.regex(error!.message, /worker-7 pull waits on the registry reply/);
  t.regex(error!.message, /2 process\(es\)/);
});

test('a run with no stuck process passes assertAllFinished', (t) => {
  const sim = new Simulation();
  sim.process(
    (function* () {
      yield 1;
    })(),
  );
  sim.run();
  t.deepEqual(sim.stuckProcesses(), []);
  t.notThrows(() => sim.assertAllFinished());
});

test('maxEvents raises a SimulationError', (t) => {
  const sim = new Simulation({ maxEvents: 1000 });
  sim.process(
    (function* () {
      for (;;) yield 0.001;
    })(),
    'spinner',
  );
  const error = t.throws(() => sim.run(), { instanceOf: SimulationError });
  t.regex(error!.message, /event limit/);
  t.is(sim.eventsProcessed, 1000);
});

test('maxSimTimeSec raises a SimulationError before the clock passes it', (t) => {
  const sim = new Simulation({ maxSimTimeSec: 50 });
  const seen: number[] = [];
  sim.schedule(40, () => seen.push(sim.now));
  sim.schedule(100, () => seen.push(sim.now));
  const error = t.throws(() => sim.run(), { instanceOf: SimulationError });
  t.regex(error!.message, /simulated time limit/);
  t.deepEqual(seen, [40]);
  t.true(sim.now <= 50);
});

test('run(until) stops at the given time and can be resumed', (t) => {
  const sim = new Simulation();
  const seen: number[] = [];
  for (const at of [1, 2, 3, 4]) sim.schedule(at, () => seen.push(at));
  sim.run(2.5);
  t.deepEqual(seen, [1, 2]);
  t.is(sim.now, 2.5);
  sim.run();
  t.deepEqual(seen, [1, 2, 3, 4]);
});

test('a semaphore grants slots in FIFO order', (t) => {
  const sim = new Simulation();
  const slots = new Semaphore(sim, 2, 'slots');
  const order: string[] = [];
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    sim.process(
      (function* () {
        yield slots.acquire();
        order.push(`${name}@${sim.now}`);
        yield 10;
        slots.release();
      })(),
      name,
    );
  }
  sim.schedule(5, () => {
    t.is(slots.holders, 2);
    t.is(slots.queueLength, 3);
  });
  sim.run();
  t.deepEqual(order, ['a@0', 'b@0', 'c@10', 'd@10', 'e@20']);
  t.is(slots.holders, 0);
});

test('a free slot is granted without a trip through the queue, a busy one in turn', (t) => {
  const sim = new Simulation();
  const slots = new Semaphore(sim, 1);
  const log: string[] = [];
  for (const name of ['a', 'b']) {
    sim.process(
      (function* () {
        yield slots.acquire();
        log.push(`${name} holds at ${sim.now}`);
        yield 1;
        slots.release();
      })(),
    );
  }
  sim.run();
  t.deepEqual(log, ['a holds at 0', 'b holds at 1']);
  // Two first steps, a's wake-up, b's grant, b's wake-up and the two ends:
  // no entry for a's free slot.
  t.is(sim.eventsProcessed, 7);
});

test('a body that loops on done events still meets the event limit', (t) => {
  const sim = new Simulation({ maxEvents: 10_000 });
  const slots = new Semaphore(sim, Number.MAX_SAFE_INTEGER);
  sim.process(
    (function* () {
      for (;;) yield slots.acquire();
    })(),
  );
  t.throws(() => sim.run(), { instanceOf: SimulationError, message: /event limit reached/ });
});
