import test from 'ava';
import { S3FifoCache } from '../../models/cache/s3fifo.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

// Capacity 5 unit entries, S share 2 (smallFraction 0.4), M share 3, G keeps
// 3 keys (1 - 0.4 of capacity), promotion from S after 2 hits. Queues are
// oldest first; key:counter.
//
//  1 a M  S[a:0]            2 b M  S[a b]        3 a H a:1     4 a H a:2
//  5 c M  6 d M  7 e M      S[a:2 b c d e] (5, full)
//  8 f M  S holds >= 2: a has 2 hits -> M[a:2]; b:0 -> G[b]       S[c d e f]
//  9 b M  in G -> straight to M. Room: S >= 2: c:0 -> G[c]         M[a b] S[d e f]
// 10 d H  d:1
// 11 c M  in G -> M. Room: d has 1 hit (< 2) -> G[d]               M[a b c] S[e f]
// 12 g M  e:0 -> G[d e]                                            S[f g]
// 13 b H  b:1
// 14 h M  f -> G[d e f]                                            S[g h]
// 15 i M  g -> G[d e f g], over 3 keys: drop d -> G[e f g]         S[h i]
// 16 e M  in G -> M. Room: h -> G[f g h]                 M[a:2 b:1 c:0 e:0] S[i]
// 17 j M  S holds 1 < 2: evict from M: a:2->1 reinserted, b:1->0 reinserted,
//         c:0 evicted                                    M[e a:1 b:0] S[i j]
// 18 a H  a:2
// 19 k M  i -> G[g h i] (f dropped)                                S[j k]
// 20 c M  (c was evicted from M, so not in G) j -> G[h i j]        S[k c]
const KEYS = keysOf('a b a a c d e f b d c g b h i e j a k c');

test('S3-FIFO follows the hand-computed sequence', (t) => {
  const cache = new S3FifoCache<string>(5, { s3fifo: { smallFraction: 0.4 } });
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, KEYS), 'MMHHMMMMMHMMHMMMMHMM');
  t.deepEqual(evicted, ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'c', 'i', 'j']);
  t.deepEqual(['k', 'c', 'e', 'a', 'b', 'j', 'd'].map((k) => cache.has(k)),
    [true, true, true, true, true, false, false]);
  t.is(cache.usedBytes, 5);
});

test('S3-FIFO promotes after one hit when promoteMinHits is 1', (t) => {
  // Same run up to step 11, where d (1 hit) now moves to M[a b d] and e:0
  // leaves for G instead; c then joins M: M[a b d c], S[f].
  const cache = new S3FifoCache<string>(5, {
    s3fifo: { smallFraction: 0.4, promoteMinHits: 1 },
  });
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, KEYS.slice(0, 11)), 'MMHHMMMMMHM');
  t.deepEqual(evicted, ['b', 'c', 'e']);
  t.true(cache.has('d'));
});
