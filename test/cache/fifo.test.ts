import test from 'ava';
import { FifoCache } from '../../models/cache/fifo.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

test('FIFO follows the hand-computed sequence with 3 unit entries', (t) => {
  // Queue listed oldest admission first; hits change nothing.
  //  1 M [1]  2 M [1 2]  3 M [1 2 3]  1 H  4 M -1 [2 3 4]  2 H
  //  5 M -2 [3 4 5]  1 M -3 [4 5 1]  2 M -4 [5 1 2]  3 M -5 [1 2 3]
  const cache = new FifoCache<string>(3);
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, keysOf('1 2 3 1 4 2 5 1 2 3')), 'MMMHMHMMMM');
  t.deepEqual(evicted, ['1', '2', '3', '4', '5']);
});

test("FIFO shows Belady's anomaly: 9 misses with 3 entries, 10 with 4", (t) => {
  // 3 entries: 1 2 3 M; 4 M -1; 1 M -2; 2 M -3; 5 M -4 [1 2 5]; 1 H; 2 H;
  //   3 M -1 [2 5 3]; 4 M -2 [5 3 4]; 5 H.
  // 4 entries: 1 2 3 4 M; 1 H; 2 H; 5 M -1; 1 M -2; 2 M -3; 3 M -4; 4 M -5;
  //   5 M -1.
  const keys = keysOf('1 2 3 4 1 2 5 1 2 3 4 5');
  t.is(hitMissString(new FifoCache<string>(3), keys), 'MMMMMMMHHMMH');
  t.is(hitMissString(new FifoCache<string>(4), keys), 'MMMMHHMMMMMM');
});
