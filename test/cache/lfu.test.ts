import test from 'ava';
import { LfuCache } from '../../models/cache/lfu.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

test('LFU follows the hand-computed sequence with 3 unit entries', (t) => {
  // key:count after each step.
  //  1 M 1:1      1 H 1:2      2 M 2:1      2 H 2:2      3 M 3:1 (full)
  //  4 M -3 (lowest count 1) 4:1   3 M -4 3:1   4 M -3 4:1
  //  1 H 1:3      5 M -4 5:1
  const cache = new LfuCache<string>(3);
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, keysOf('1 1 2 2 3 4 3 4 1 5')), 'MHMHMMMMHM');
  t.deepEqual(evicted, ['3', '4', '3', '4']);
  t.true(cache.has('1') && cache.has('2') && cache.has('5'));
});

test('LFU breaks count ties by the entry that reached the count first', (t) => {
  //  a M a:1   b M b:1   b H b:2   a H a:2 (reached 2 after b)
  //  c M: a and b tie at 2; b got there first -> -b   c:1
  //  b M: c has the lowest count -> -c   b:1
  //  a H a:3
  // Insertion order would have evicted a; that would be a different answer.
  const cache = new LfuCache<string>(2);
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, keysOf('a b b a c b a')), 'MMHHMMH');
  t.deepEqual(evicted, ['b', 'c']);
});

test('LFU with sized entries evicts lowest counts until the entry fits', (t) => {
  // capacity 10: x5 M x:1; y3 M y:1; x H x:2; z4 M 12>10 -y (count 1) -> 9;
  // w2 M 11>10 -z (count 1; x has 2) -> holds x w, 7 bytes.
  const cache = new LfuCache<string>(10);
  const evicted = recordEvictions(cache);
  const steps: [string, number][] = [['x', 5], ['y', 3], ['x', 5], ['z', 4], ['w', 2]];
  t.is(steps.map(([k, s]) => (cache.access(k, s) ? 'H' : 'M')).join(''), 'MMHMM');
  t.deepEqual(evicted, ['y', 'z']);
  t.is(cache.usedBytes, 7);
});
