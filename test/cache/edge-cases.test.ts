import test from 'ava';
import { createCache } from '../../models/cache/create-cache.ts';
import { POLICY_NAMES, isPolicyName, type PolicyName } from '../../models/cache/policy.ts';
import { recordEvictions } from './run-sequence.ts';

for (const policy of POLICY_NAMES) {
  test(`${policy}: an entry larger than the capacity is a miss and is not cached`, (t) => {
    const cache = createCache<string>(policy, 10);
    cache.access('small', 4);
    const evicted = recordEvictions(cache);
    t.false(cache.access('huge', 11));
    t.false(cache.has('huge'));
    t.false(cache.access('huge', 11));
    t.true(cache.has('small'));
    t.is(cache.usedBytes, 4);
    t.deepEqual(evicted, []);
    t.is(cache.stats.misses, 3);
  });

  test(`${policy}: an entry exactly the capacity fits`, (t) => {
    const cache = createCache<number>(policy, 10);
    t.false(cache.access(1, 10));
    t.true(cache.access(1, 10));
    t.is(cache.usedBytes, 10);
  });

  test(`${policy}: zero capacity holds nothing`, (t) => {
    const cache = createCache<number>(policy, 0);
    for (let i = 0; i < 5; i++) t.false(cache.access(i % 2, 1));
    t.is(cache.usedBytes, 0);
    t.is(cache.entryCount, 0);
    t.deepEqual([cache.stats.hits, cache.stats.misses], [0, 5]);
  });

  test(`${policy}: remove drops an entry without counting an eviction`, (t) => {
    const cache = createCache<string>(policy, 10);
    const evicted = recordEvictions(cache);
    cache.access('a', 3);
    cache.access('b', 4);
    t.true(cache.remove('a'));
    t.false(cache.remove('a'));
    t.false(cache.remove('never'));
    t.false(cache.has('a'));
    t.is(cache.usedBytes, 4);
    t.is(cache.entryCount, 1);
    t.is(cache.stats.evictions, 0);
    t.deepEqual(evicted, []);
    t.false(cache.access('a', 3));
    t.is(cache.usedBytes, 7);
  });

  test(`${policy}: a hit with another size, or a bad size, throws`, (t) => {
    const cache = createCache<string>(policy, 10);
    cache.access('a', 3);
    t.throws(() => cache.access('a', 4), { instanceOf: RangeError, message: /3 bytes.*4 bytes/ });
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      t.throws(() => cache.access('b', bad), { instanceOf: RangeError });
    }
    t.is(cache.stats.misses, 1);
  });

  test(`${policy}: numeric and string keys are distinct`, (t) => {
    const cache = createCache<number | string>(policy, 10);
    cache.access(1, 1);
    t.false(cache.has('1'));
    t.false(cache.access('1', 1));
    t.true(cache.access(1, 1));
  });

  test(`${policy}: listeners can be removed and stats reset`, (t) => {
    const cache = createCache<number>(policy, 2);
    const seen: number[] = [];
    const stop = cache.onEvict((k) => seen.push(k));
    for (let i = 0; i < 4; i++) cache.access(i, 1);
    const before = seen.length;
    t.true(before > 0);
    stop();
    for (let i = 4; i < 8; i++) cache.access(i, 1);
    t.is(seen.length, before);
    cache.resetStats();
    t.deepEqual(Object.values(cache.stats), [0, 0, 0, 0, 0, 0]);
    t.is(cache.usedBytes, 2);
  });
}

test('createCache rejects unknown policies and bad capacities', (t) => {
  t.throws(() => createCache('mru' as PolicyName, 10), {
    message: /lru, fifo, lfu, arc, clock, s3fifo/,
  });
  t.throws(() => createCache('lru', -1), { instanceOf: RangeError });
  t.throws(() => createCache('lru', Number.NaN), { instanceOf: RangeError });
  t.true(isPolicyName('s3fifo'));
  t.false(isPolicyName('LRU'));
});

test('s3fifo rejects bad tuning', (t) => {
  t.throws(() => createCache('s3fifo', 10, { s3fifo: { smallFraction: 1 } }));
  t.throws(() => createCache('s3fifo', 10, { s3fifo: { promoteMinHits: 4 } }));
  t.throws(() => createCache('s3fifo', 10, { s3fifo: { ghostFraction: -0.1 } }));
});

test('the options listener and onEvict listeners both hear evictions', (t) => {
  const fromOptions: number[] = [];
  const cache = createCache<number>('fifo', 1, { onEvict: (k) => fromOptions.push(k) });
  const fromMethod = recordEvictions(cache);
  cache.access(1, 1);
  cache.access(2, 1);
  t.deepEqual(fromOptions, [1]);
  t.deepEqual(fromMethod, [1]);
});
