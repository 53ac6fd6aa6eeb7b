/**
 * The event queue against a plain reference: whatever the mix of delays
 * (ties, zero, tiny, huge, infinite, clustered), entries come out in order of
 * (time, insertion), the same order as a stable sort by time.
 */
import test from 'ava';
import fc from 'fast-check';
import { EventQueue } from '../../sim/engine/queue.ts';

/** The reference: a list kept sorted by time, equal times in insertion order. */
class ReferenceQueue {
  private readonly entries: { timeSec: number; id: number }[] = [];
  push(timeSec: number, id: number): void {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1]!.timeSec > timeSec) i--;
    this.entries.splice(i, 0, { timeSec, id });
  }
  pop(): { timeSec: number; id: number } | undefined {
    return this.entries.shift();
  }
  get length(): number {
    return this.entries.length;
  }
}

// Delays as a simulation draws them: ties and zero delays, timers, far-off
// events, and clusters that force the queue to split buckets into rungs.
const delay = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 4 }),
  fc.double({ min: 0, max: 1e-9, noNaN: true }),
  fc.double({ min: 0, max: 10, noNaN: true }),
  fc.double({ min: 1e3, max: 1e9, noNaN: true }),
  fc.constant(Infinity),
);

const script = fc.record({
  initial: fc.array(delay, { maxLength: 400 }),
  // Per step: how many entries to push after taking the earliest one.
  steps: fc.array(fc.record({ pushes: fc.array(delay, { maxLength: 3 }) }), { maxLength: 800 }),
});

test('entries come out in (time, insertion) order', (t) => {
  fc.assert(
    fc.property(script, ({ initial, steps }) => {
      const queue = new EventQueue();
      const reference = new ReferenceQueue();
      const noop = () => {};
      let id = 0;
      let now = 0;
      const push = (d: number) => {
        queue.push(now + d, noop, id);
        reference.push(now + d, id);
        id++;
      };
      initial.forEach(push);
      const takeOne = () => {
        const expected = reference.pop()!;
        if (queue.peekTime() !== expected.timeSec) return false;
        queue.pop();
        if (queue.poppedArg !== expected.id) return false;
        now = expected.timeSec;
        return true;
      };
      for (const step of steps) {
        if (reference.length === 0) break;
        if (!takeOne()) return false;
        if (now < Infinity) step.pushes.forEach(push);
        if (queue.length !== reference.length) return false;
      }
      while (reference.length > 0) if (!takeOne()) return false;
      return queue.length === 0 && queue.peekTime() === Infinity;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('a large batch at one time keeps insertion order, and later pushes slot in after it', (t) => {
  const queue = new EventQueue();
  const noop = () => {};
  for (let i = 0; i < 5000; i++) queue.push(7, noop, i);
  const order: number[] = [];
  for (let i = 0; i < 2500; i++) {
    queue.peekTime();
    queue.pop();
    order.push(queue.poppedArg as number);
  }
  // Pushed while the batch is half taken: at the batch's time and just after.
  queue.push(7, noop, 'same');
  queue.push(7 + 1e-12, noop, 'after');
  while (queue.length > 0) {
    queue.peekTime();
    queue.pop();
    order.push(queue.poppedArg as number);
  }
  t.deepEqual(order.slice(0, 5000), Array.from({ length: 5000 }, (_, i) => i));
  t.deepEqual(order.slice(5000), ['same', 'after']);
});

test('a hold model (pop one, push one) keeps exact order across many rung changes', (t) => {
  const queue = new EventQueue();
  const reference = new ReferenceQueue();
  const noop = () => {};
  let seed = 12345;
  const uniform = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; i < 300; i++) {
    const at = -Math.log(1 - uniform());
    queue.push(at, noop, i);
    reference.push(at, i);
  }
  let mismatches = 0;
  for (let i = 300; i < 60_000; i++) {
    const expected = reference.pop()!;
    if (queue.peekTime() !== expected.timeSec) mismatches++;
    queue.pop();
    if (queue.poppedArg !== expected.id) mismatches++;
    // Rounded delays make exact ties common.
    const at = expected.timeSec + Math.round(-Math.log(1 - uniform()) * 64) / 64;
    queue.push(at, noop, i);
    reference.push(at, i);
  }
  t.is(mismatches, 0);
});

/**
 * Takes every entry and compares it with the reference, stopping at the first
 * difference (a queue that lost entries could otherwise loop forever).
 * Returns a description of the first difference, or '' when there is none.
 */
function firstDifference(queue: EventQueue, reference: ReferenceQueue): string {
  while (reference.length > 0) {
    const expected = reference.pop()!;
    const timeSec = queue.peekTime();
    if (timeSec !== expected.timeSec) return `time ${timeSec}, expected ${expected.timeSec}`;
    queue.pop();
    if (queue.poppedArg !== expected.id) return `entry ${queue.poppedArg}, expected ${expected.id}`;
  }
  return queue.length === 0 ? '' : `${queue.length} entries left over`;
}

test('many entries whose times differ by subnormal amounts keep their order', (t) => {
  // 100 entries over [0, 2 * MIN_VALUE]: a rung's bucket width would round to 0.
  const queue = new EventQueue();
  const reference = new ReferenceQueue();
  for (let id = 0; id < 100; id++) {
    const timeSec = (id % 3) * Number.MIN_VALUE;
    queue.push(timeSec, () => {}, id);
    reference.push(timeSec, id);
  }
  t.is(firstDifference(queue, reference), '');
});

/** The queue's inner state that decides the cost of a push (white-box, for the tests below). */
interface LadderState {
  rungs: number;
  bottomHead: number;
  bottomTail: number;
}

/**
 * Runs a hold model (take the earliest, push one at now + a delay drawn by
 * `delaySec`) and returns the longest sorted bottom seen: every push into the
 * bottom moves up to half of it, so it must stay short.
 */
function longestBottomInHold(
  queue: EventQueue,
  population: number,
  holds: number,
  delaySec: () => number,
): { longest: number; deepest: number } {
  const state = queue as unknown as LadderState;
  const noop = () => {};
  for (let i = 0; i < population; i++) queue.push(delaySec(), noop);
  let longest = 0;
  let deepest = 0;
  for (let i = 0; i < holds; i++) {
    const nowSec = queue.peekTime();
    queue.pop();
    queue.push(nowSec + delaySec(), noop);
    longest = Math.max(longest, state.bottomTail - state.bottomHead);
    deepest = Math.max(deepest, state.rungs);
  }
  return { longest, deepest };
}

test('a hold model under one far-off entry keeps the rungs shallow and the bottom short', (t) => {
  // The far entry keeps the top's range above the whole working set, so
  // each rung's last bucket collects the entries pushed past its range.
  const queue = new EventQueue();
  queue.push(1e9, () => {});
  let seed = 7;
  const uniform = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const { longest, deepest } = longestBottomInHold(queue, 1000, 20_000, () => 2 * uniform());
  t.true(deepest <= 3, `rungs reached ${deepest}`);
  t.true(longest <= 256, `the bottom reached ${longest} entries`);
});

test('a hold model beside an entry at Infinity keeps the bottom short', (t) => {
  // An infinite time makes the top's range infinite, which no rung can split.
  const queue = new EventQueue();
  queue.push(Infinity, () => {});
  let seed = 11;
  const exponential = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return -Math.log(1 - seed / 2 ** 32);
  };
  const { longest } = longestBottomInHold(queue, 2000, 20_000, exponential);
  t.true(longest <= 256, `the bottom reached ${longest} entries`);
});

test('entries at Infinity come out last, in insertion order, between finite ones', (t) => {
  const queue = new EventQueue();
  const reference = new ReferenceQueue();
  const push = (timeSec: number, id: number) => {
    queue.push(timeSec, () => {}, id);
    reference.push(timeSec, id);
  };
  for (let id = 0; id < 300; id++) push(id % 5 === 0 ? Infinity : (id * 37) % 101, id);
  // Half taken, then more of both kinds, finite ones before the current time too.
  for (let i = 0; i < 150; i++) {
    const expected = reference.pop()!;
    queue.peekTime();
    queue.pop();
    if (!t.is(queue.poppedArg, expected.id)) return;
  }
  for (let id = 300; id < 400; id++) push(id % 2 === 0 ? Infinity : id % 7, id);
  t.is(firstDifference(queue, reference), '');
});
