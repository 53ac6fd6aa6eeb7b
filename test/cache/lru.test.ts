import test from 'ava';
import { LruCache } from '../../models/cache/lru.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

test('LRU follows the hand-computed sequence with 3 unit entries', (t) => {
  // Queue listed least recently used first.
  //  1 M [1]        2 M [1 2]      3 M [1 2 3]    1 H [2 3 1]
  //  4 M -2 [3 1 4] 2 M -3 [1 4 2] 5 M -1 [4 2 5] 1 M -4 [2 5 1]
  //  2 H [5 1 2]    3 M -5 [1 2 3]
  const cache = new LruCache<string>(3);
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, keysOf('1 2 3 1 4 2 5 1 2 3')), 'MMMHMMMMHM');
  t.deepEqual(evicted, ['2', '3', '1', '4', '5']);
  t.deepEqual(cache.stats, {
    hits: 2, misses: 8, evictions: 5, bytesHit: 2, bytesMissed: 8, bytesEvicted: 5,
  });
});

test('LRU with sized entries evicts until the new entry fits', (t) => {
  // capacity 10: a4 M [a] 4; b4 M [a b] 8; c3 M 11>10 -a [b c] 7;
  // a4 M 11>10 -b [c a] 7; c H [a c]; d6 M 13>10 -a [c d] 9.
  const cache = new LruCache<string>(10);
  const evicted = recordEvictions(cache);
  const steps: [string, number][] = [['a', 4], ['b', 4], ['c', 3], ['a', 4], ['c', 3], ['d', 6]];
  const got = steps.map(([k, s]) => (cache.access(k, s) ? 'H' : 'M')).join('');
  t.is(got, 'MMMMHM');
  t.deepEqual(evicted, ['a', 'b', 'a']);
  t.is(cache.usedBytes, 9);
  t.true(cache.has('c') && cache.has('d'));
});
