/**
 * A smoke run at block-cache scale: a million 4 KiB accesses with numeric
 * keys must go through and keep the books straight. No timing is asserted;
 * the wall time is logged for whoever is watching.
 */
import test from 'ava';
import { LruCache } from '../../models/cache/lru.ts';

test('LRU takes 1e6 numeric-key accesses over 2e5 distinct blocks', (t) => {
  const blockBytes = 4096;
  const capacityBlocks = 100_000;
  const cache = new LruCache<number>(capacityBlocks * blockBytes);
  // A fixed LCG, so the stream is the same every run; half the accesses go to
  // a hot tenth of the blocks so there are plenty of hits and evictions.
  let state = 12345;
  const started = performance.now();
  for (let i = 0; i < 1_000_000; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const block = i % 2 === 0 ? state % 20_000 : state % 200_000;
    cache.access(block, blockBytes);
  }
  const elapsedMs = performance.now() - started;
  const s = cache.stats;
  t.log(`1e6 accesses in ${elapsedMs.toFixed(0)} ms; hit ratio ${(s.hits / 1e6).toFixed(3)}`);
  t.is(s.hits + s.misses, 1_000_000);
  t.is(cache.entryCount, capacityBlocks);
  t.is(cache.usedBytes, capacityBlocks * blockBytes);
  t.is(s.evictions, s.misses - capacityBlocks);
  t.true(s.hits > 0);
});
