import test from 'ava';
import { ArcCache } from '../../models/cache/arc.ts';
import { hitMissString, keysOf, recordEvictions } from './run-sequence.ts';

// A hand run of the paper's pseudocode (unit entries, c = 3, p starts at 0).
// Lists are LRU first. "REPLACE" moves the LRU of T1 to B1 when |T1| > p (or
// |T1| = p and the key was in B2), else the LRU of T2 to B2.
//
//  1 a M  IV, L1=0<c, total 0<c             T1[a]
//  2 b M  IV                                 T1[a b]
//  3 a H                                     T1[b] T2[a]
//  4 c M  IV, total 2<c                      T1[b c] T2[a]
//  5 d M  IV, L1=2<c, total 3: REPLACE, |T1|=2>p=0: b->B1
//                                            T1[c d] T2[a] B1[b]
//  6 b M  in B1: p=0+max(1,|B2|/|B1|)=1; REPLACE |T1|=2>1: c->B1; b->T2
//                                            T1[d] T2[a b] B1[c]
//  7 e M  IV, L1=2, total 4: REPLACE |T1|=1 not >1: a->B2
//                                            T1[d e] T2[b] B1[c] B2[a]
//  8 a M  in B2: p=1-max(1,|B1|/|B2|)=0; REPLACE |T1|=2>0: d->B1; a->T2
//                                            T1[e] T2[b a] B1[c d]
//  9 c M  in B1: p=0+max(1,0/2)=1; REPLACE |T1|=1 not >1: b->B2; c->T2
//                                            T1[e] T2[a c] B1[d] B2[b]
// 10 e H                                     T2[a c e] B1[d] B2[b]
// 11 f M  IV, L1=1, total 5: REPLACE |T1|=0: a->B2
//                                            T1[f] T2[c e] B1[d] B2[b a]
// 12 g M  IV, L1=2, total 6=2c: drop b from B2; REPLACE |T1|=1 not >1: c->B2
//                                            T1[f g] T2[e] B1[d] B2[a c]
// 13 b M  IV (b forgotten), L1=3=c, |T1|<c: drop d from B1; REPLACE 2>1: f->B1
//                                            T1[g b] T2[e] B1[f] B2[a c]
// 14 d M  IV, L1=3=c: drop f from B1; REPLACE 2>1: g->B1
//                                            T1[b d] T2[e] B1[g] B2[a c]
// 15 e H
const KEYS = keysOf('a b a c d b e a c e f g b d e');
const EXPECTED = 'MMHMMMMMMHMMMMH';
const EVICTED = ['b', 'c', 'a', 'd', 'b', 'a', 'c', 'f', 'g'];

test('ARC follows a hand run of the paper with 3 unit entries', (t) => {
  const cache = new ArcCache<string>(3);
  const evicted = recordEvictions(cache);
  const p: number[] = [];
  const got = KEYS.map((k) => {
    const hit = cache.access(k, 1);
    p.push(cache.targetT1Bytes);
    return hit ? 'H' : 'M';
  }).join('');
  t.is(got, EXPECTED);
  t.deepEqual(evicted, EVICTED);
  t.deepEqual(p, [0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
  t.deepEqual(['b', 'd', 'e', 'a', 'g'].map((k) => cache.has(k)), [true, true, true, false, false]);
});

test('ARC with uniform 4 KiB entries is the unit algorithm scaled by the size', (t) => {
  const blockBytes = 4096;
  const cache = new ArcCache<string>(3 * blockBytes);
  const evicted = recordEvictions(cache);
  t.is(hitMissString(cache, KEYS, blockBytes), EXPECTED);
  t.deepEqual(evicted, EVICTED);
  t.is(cache.targetT1Bytes, blockBytes);
  t.is(cache.usedBytes, 3 * blockBytes);
});

test('ARC admits a large entry by evicting several small ones', (t) => {
  // capacity 10: a3 b3 c3 M (T1, 9 bytes); d6 M: IV, L1+6=15>10, B1 empty,
  // T1+6=15>10 -> evict a (no ghost), 12>10 -> evict b, 9 fits -> T1[c d].
  const cache = new ArcCache<string>(10);
  const evicted = recordEvictions(cache);
  for (const k of ['a', 'b', 'c']) cache.access(k, 3);
  t.false(cache.access('d', 6));
  t.deepEqual(evicted, ['a', 'b']);
  t.is(cache.usedBytes, 9);
});

test('ARC takes from T1 when the key was in B2 and |T1| equals p', (t) => {
  // c = 3, p starts at 0.
  //  1 a M T1[a]   2 a H T2[a]   3 b M T1[b] T2[a]   4 b H T2[a b]
  //  5 c M  IV, total 2<c               T1[c] T2[a b]
  //  6 d M  IV, REPLACE 1>0: c->B1      T1[d] T2[a b] B1[c]
  //  7 e M  IV, REPLACE 1>0: d->B1      T1[e] T2[a b] B1[c d]
  //  8 c M  in B1: p=1; |T1|=1 not >1: a->B2; c->T2   T1[e] T2[b c] B1[d] B2[a]
  //  9 d M  in B1 (|B1|=|B2|): p=2; b->B2; d->T2      T1[e] T2[c d] B2[a b]
  // 10 a M  in B2: p=1; |T1|=1=p and a was in B2: e->B1 (not c from T2)
  //                                    T2[c d a] B1[e] B2[b]
  // 11 e M  in B1: p=2; |T1|=0: c->B2; e->T2   T2[d a e] B2[b c]
  // Taking c at step 10 instead would have kept e, and step 11 would hit.
  const cache = new ArcCache<string>(3);
  const evicted = recordEvictions(cache);
  const p: number[] = [];
  const got = keysOf('a a b b c d e c d a e').map((k) => {
    const hit = cache.access(k, 1);
    p.push(cache.targetT1Bytes);
    return hit ? 'H' : 'M';
  }).join('');
  t.is(got, 'MHMHMMMMMMM');
  t.deepEqual(evicted, ['c', 'd', 'a', 'b', 'e', 'c']);
  t.deepEqual(p, [0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 2]);
});
