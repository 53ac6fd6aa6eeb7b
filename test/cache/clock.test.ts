import test from 'ava';
import { ClockCache } from '../../models/cache/clock.ts';
import { LruCache } from '../../models/cache/lru.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

test('CLOCK follows the hand-computed sequence with 3 unit entries', (t) => {
  // Ring listed from the hand on, key:referenced-bit. New entries go behind the hand.
  //  1 2 3 M            [1:0 2:0 3:0]
  //  2 H  1 H           [1:1 2:1 3:0]
  //  4 M  1 -> 0, pass; 2 -> 0, pass; 3 is 0 -> -3    [1:0 2:0 4:0]
  //  3 M  -1            [2:0 4:0 3:0]
  //  1 M  -2            [4:0 3:0 1:0]
  //  2 M  -4            [3:0 1:0 2:0]
  //  3 H
  const cache = new ClockCache<string>(3);
  const evicted = recordEvictions(cache);
  const keys = keysOf('1 2 3 2 1 4 3 1 2 3');
  t.is(hitMissString(cache, keys), 'MMMHHMMMMH');
  t.deepEqual(evicted, ['3', '1', '2', '4']);

  // LRU on the same keys: after 4 its order is [2 1 4], so 3 evicts 2 and
  // the following 1 hits: MMMHHMMHMH. CLOCK must not behave like LRU here.
  t.is(hitMissString(new LruCache<string>(3), keys), 'MMMHHMMHMH');
});
