import test from 'ava';
import { ImageStore } from '../../models/cache/image-store.ts';

test('usage reaching the high threshold collects LRU entries down to the low one', (t) => {
  // capacity 100, 85/80: a30 b30 c20 = 80 (< 85, nothing happens);
  // d10 -> 90 >= 85: delete a (least recent) -> 60 <= 80, stop.
  const evicted: string[] = [];
  const store = new ImageStore<string>(100, { onEvict: (k) => evicted.push(k) });
  store.add('a', 30);
  store.add('b', 30);
  store.add('c', 20);
  t.is(store.usedBytes, 80);
  t.deepEqual(evicted, []);
  store.add('d', 10);
  t.deepEqual(evicted, ['a']);
  t.is(store.usedBytes, 60);
  t.is(store.stats.collections, 1);
});

test('pinned entries are skipped and touched entries become recent', (t) => {
  // a30 b30 c20 as above; a pinned, c touched -> recency a? pinned, b, c.
  // d10 -> 90: skip a (pinned), delete b -> 60.
  // Then e25 -> 85 >= 85: order c, d, e (a pinned): delete c -> 65.
  const evicted: string[] = [];
  const store = new ImageStore<string>(100, { onEvict: (k) => evicted.push(k) });
  store.add('a', 30);
  store.add('b', 30);
  store.add('c', 20);
  store.pin('a');
  store.touch('c');
  store.add('d', 10);
  t.deepEqual(evicted, ['b']);
  store.add('e', 25);
  t.deepEqual(evicted, ['b', 'c']);
  t.is(store.usedBytes, 65);
  t.is(store.pinnedBytes, 30);
  t.true(store.has('a'));
});

test('a pull that cannot fit beside pinned entries is refused and deletes nothing', (t) => {
  const store = new ImageStore<string>(100, { collectOnAdd: false });
  store.add('a', 60);
  store.add('b', 30);
  store.pin('a');
  t.false(store.add('c', 41));
  t.true(store.has('b'));
  t.is(store.stats.refusals, 1);
  // 40 fits once b goes: 60 + 40 = 100.
  t.true(store.add('c', 40));
  t.false(store.has('b'));
  t.is(store.usedBytes, 100);
});

test('without collectOnAdd only collect() applies the thresholds', (t) => {
  const store = new ImageStore<string>(100, { collectOnAdd: false });
  store.add('a', 50);
  store.add('b', 40);
  t.is(store.usedBytes, 90);
  t.is(store.collect(), 50);
  t.deepEqual([store.has('a'), store.has('b')], [false, true]);
  t.is(store.collect(), 0);
});

test('pins count, and misuse is an error', (t) => {
  const store = new ImageStore<string>(100);
  store.add('a', 10);
  store.pin('a');
  store.pin('a');
  store.unpin('a');
  t.is(store.pinsOf('a'), 1);
  t.throws(() => store.remove('a'), { message: /in use/ });
  store.unpin('a');
  t.throws(() => store.unpin('a'));
  t.throws(() => store.pin('missing'));
  t.true(store.remove('a'));
  t.is(store.usedBytes, 0);
  t.true(store.add('a', 10));
  t.true(store.add('a', 10));
  t.deepEqual([store.stats.hits, store.stats.misses], [1, 2]);
  t.throws(() => new ImageStore(100, { highThresholdPercent: 70, lowThresholdPercent: 80 }));
});
