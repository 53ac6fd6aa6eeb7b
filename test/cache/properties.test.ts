/**
 * Properties every policy must keep on random access sequences (fast-check,
 * 10,000 runs each): occupancy within capacity, exact byte bookkeeping,
 * hits + misses = accesses, determinism; and, for the simple policies,
 * agreement hit for hit with a naive implementation of the same definition.
 */
import test from 'ava';
import fc from 'fast-check';
import { createCache } from '../../models/cache/create-cache.ts';
import { POLICY_NAMES, type PolicyName } from '../../models/cache/policy.ts';
import { naiveCache } from './reference-models.ts';

const RUNS = 10_000;
const KEYS = 12;

type Op = { key: number; remove: boolean };

// About one operation in ten is a remove.
const opArb: fc.Arbitrary<Op> = fc.record({
  key: fc.integer({ min: 0, max: KEYS - 1 }),
  remove: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const caseArb = fc.record({
  capacityBytes: fc.integer({ min: 0, max: 24 }),
  unitSizes: fc.boolean(),
  sizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: KEYS, maxLength: KEYS }),
  ops: fc.array(opArb, { maxLength: 60 }),
});

type Case = { capacityBytes: number; unitSizes: boolean; sizes: number[]; ops: Op[] };

const sizeOf = (c: Case, key: number) => (c.unitSizes ? 1 : c.sizes[key]!);

/** Replay a case; returns the per-access results and checks invariants as it goes. */
function replay(policy: PolicyName, c: Case): { results: boolean[]; stats: object } {
  const cache = createCache<number>(policy, c.capacityBytes);
  let admittedBytes = 0;
  let evictedBytes = 0;
  let removedBytes = 0;
  let accesses = 0;
  const justEvicted: number[] = [];
  cache.onEvict((key, sizeBytes) => {
    evictedBytes += sizeBytes;
    justEvicted.push(key);
  });
  const results: boolean[] = [];

  for (const op of c.ops) {
    const sizeBytes = sizeOf(c, op.key);
    if (op.remove) {
      if (cache.remove(op.key)) removedBytes += sizeBytes;
    } else {
      accesses++;
      justEvicted.length = 0;
      const heldBefore = cache.has(op.key);
      const hit = cache.access(op.key, sizeBytes);
      results.push(hit);
      if (hit !== heldBefore) throw new Error(`access said ${hit} but has() said ${heldBefore}`);
      if (!hit && sizeBytes <= c.capacityBytes) admittedBytes += sizeBytes;
      if (cache.has(op.key) !== sizeBytes <= c.capacityBytes) throw new Error('admission wrong');
      if (justEvicted.some((k) => cache.has(k))) throw new Error('an evicted key is still held');
    }
    if (cache.usedBytes > c.capacityBytes) throw new Error('occupancy above capacity');
    if (cache.usedBytes !== admittedBytes - evictedBytes - removedBytes) {
      throw new Error('byte bookkeeping does not add up');
    }
  }
  const s = cache.stats;
  if (s.hits + s.misses !== accesses) throw new Error('hits + misses != accesses');
  if (s.bytesEvicted !== evictedBytes) throw new Error('bytesEvicted disagrees with listener');
  return { results, stats: { ...s, usedBytes: cache.usedBytes, entries: cache.entryCount } };
}

for (const policy of POLICY_NAMES) {
  test(`${policy}: occupancy, bookkeeping and counters hold on random sequences`, (t) => {
    fc.assert(fc.property(caseArb, (c) => {
      replay(policy, c);
    }), { numRuns: RUNS, seed: 42 });
    t.pass();
  });

  test(`${policy}: identical sequences give identical results`, (t) => {
    fc.assert(fc.property(caseArb, (c) => {
      const a = replay(policy, c);
      const b = replay(policy, c);
      return JSON.stringify(a) === JSON.stringify(b);
    }), { numRuns: RUNS, seed: 7 });
    t.pass();
  });
}

for (const policy of ['lru', 'fifo', 'lfu', 'clock'] as const) {
  test(`${policy}: agrees hit for hit with a naive implementation`, (t) => {
    fc.assert(fc.property(caseArb, (c) => {
      const fast = createCache<number>(policy, c.capacityBytes);
      const [naiveAccess, naiveRemove] = naiveCache(policy, c.capacityBytes);
      for (const op of c.ops) {
        if (op.remove) {
          fast.remove(op.key);
          naiveRemove(op.key);
          continue;
        }
        const sizeBytes = sizeOf(c, op.key);
        if (fast.access(op.key, sizeBytes) !== naiveAccess(op.key, sizeBytes)) return false;
      }
      return true;
    }), { numRuns: RUNS, seed: 3 });
    t.pass();
  });
}
