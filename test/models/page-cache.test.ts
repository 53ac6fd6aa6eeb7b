/**
 * The page cache kept as runs of files must behave exactly like a plain
 * per-file LRU: the same hits, misses, bytes used and order after every step.
 */
import test from 'ava';
import fc from 'fast-check';
import type { Layer } from '../../models/image.ts';
import { PageCache } from '../../models/testbed/page-cache.ts';

/**
 * The plain model the compact cache must match: one map entry per file,
 * in recency order (a JavaScript Map iterates in insertion order).
 */
class PerFileLru {
  readonly entries = new Map<string, number>();
  usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly capacityBytes: number) {}

  lookup(key: string): boolean {
    const size = this.entries.get(key);
    if (size === undefined) {
      this.misses++;
      return false;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, size);
    return true;
  }

  insert(key: string, sizeBytes: number): void {
    if (sizeBytes > this.capacityBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.usedBytes -= old;
      this.entries.delete(key);
    }
    while (this.usedBytes + sizeBytes > this.capacityBytes) {
      const [oldestKey, oldestBytes] = this.entries.entries().next().value!;
      this.usedBytes -= oldestBytes;
      this.entries.delete(oldestKey);
    }
    this.entries.set(key, sizeBytes);
    this.usedBytes += sizeBytes;
  }

  /** An extraction caches the layer's files one by one, in file order. */
  insertLayer(layer: Layer): void {
    layer.files.forEach((f, i) => this.insert(`${layer.digest}#${i}`, f.sizeBytes));
  }
}

function layer(digest: string, sizes: number[]): Layer {
  const files = sizes.map((sizeBytes, i) => ({
    path: `/${digest}/${i}`,
    sizeBytes,
    kind: 'file' as const,
  }));
  const uncompressedBytes = sizes.reduce((a, b) => a + b, 0);
  return { digest, compressedBytes: uncompressedBytes, uncompressedBytes, files };
}

function order(cache: PageCache): string[] {
  return [...cache.filesOldestFirst()].map(([digest, file]) => `${digest}#${file}`);
}

type Op =
  | { kind: 'layer'; layer: number; copy: number }
  | { kind: 'lookup' | 'insert'; layer: number; copy: number; file: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('layer' as const), layer: fc.nat(3), copy: fc.nat(1) }),
  fc.record({
    kind: fc.constantFrom('lookup' as const, 'insert' as const),
    layer: fc.nat(3),
    copy: fc.nat(1),
    file: fc.nat(40),
  }),
);

const scenarioArb = fc.record({
  capacityBytes: fc.nat(40),
  // Up to four layers of up to 12 files; some files are empty, some are
  // bigger than a small cache.
  layerSizes: fc.array(fc.array(fc.nat(15), { maxLength: 12 }), {
    minLength: 1,
    maxLength: 4,
  }),
  ops: fc.array(opArb, { maxLength: 80 }),
});

test('the run-based cache behaves exactly like a per-file LRU', (t) => {
  fc.assert(
    fc.property(scenarioArb, ({ capacityBytes, layerSizes, ops }) => {
      // Two separately built descriptions of each layer, as two images that
      // share a layer have: same digest, same sizes, different objects.
      const copies = [0, 1].map(() =>
        layerSizes.map((sizes, i) => layer(`L${i}`, sizes)),
      );
      const cache = new PageCache(capacityBytes);
      const reference = new PerFileLru(capacityBytes);
      for (const op of ops) {
        const l = copies[op.copy]![op.layer % layerSizes.length]!;
        if (op.kind === 'layer') {
          cache.insertLayer(l);
          reference.insertLayer(l);
        } else if (l.files.length > 0) {
          const file = op.file % l.files.length;
          const key = `${l.digest}#${file}`;
          if (op.kind === 'lookup') {
            if (cache.lookupFile(l, file) !== reference.lookup(key)) return false;
          } else {
            cache.insertFile(l, file);
            reference.insert(key, l.files[file]!.sizeBytes);
          }
        }
        if (cache.usedBytes !== reference.usedBytes) return false;
        if (order(cache).join() !== [...reference.entries.keys()].join()) return false;
      }
      return cache.hits === reference.hits && cache.misses === reference.misses;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('extracting a layer bigger than the cache keeps its last files', (t) => {
  const cache = new PageCache(10);
  const a = layer('a', [4, 3, 5]);
  cache.insertLayer(a);
  // 4 + 3 + 5 = 12 > 10: the first file goes.
  t.is(cache.usedBytes, 8);
  t.deepEqual(order(cache), ['a#1', 'a#2']);
  t.false(cache.lookupFile(a, 0));
  t.true(cache.lookupFile(a, 1));
  t.deepEqual(order(cache), ['a#2', 'a#1']);

  const b = layer('b', [2]);
  cache.insertLayer(b);
  t.is(cache.usedBytes, 10);
  // Reading a#0 back from disk evicts the least recent file, a#2 (5 bytes).
  cache.insertFile(a, 0);
  t.is(cache.usedBytes, 9);
  t.deepEqual(order(cache), ['a#1', 'b#0', 'a#0']);
  t.false(cache.lookupFile(a, 2));
  t.is(cache.hits, 1);
  t.is(cache.misses, 2);
});

test('files bigger than the cache are never cached and evict nothing', (t) => {
  const cache = new PageCache(10);
  const a = layer('a', [3, 11, 2]);
  cache.insertLayer(a);
  t.is(cache.usedBytes, 5);
  t.deepEqual(order(cache), ['a#0', 'a#2']);
  cache.insertFile(a, 1);
  t.is(cache.usedBytes, 5);
  t.false(cache.lookupFile(a, 1));
});

test('memory grows with the runs, not with the files', (t) => {
  const cache = new PageCache(1e12);
  const big = layer('big', Array.from({ length: 10_000 }, (_, i) => 1000 + i));
  cache.insertLayer(big);
  t.is(cache.runCount, 1);
  // A file in the middle splits the run into three.
  t.true(cache.lookupFile(big, 5000));
  t.is(cache.runCount, 3);
  // Reading the next files in order extends the newest run.
  for (let f = 5001; f < 5100; f++) t.true(cache.lookupFile(big, f));
  t.is(cache.runCount, 3);
  const expectedBytes = big.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  t.is(cache.usedBytes, expectedBytes);
  // Extracting the layer again puts it back as one run.
  cache.insertLayer(big);
  t.is(cache.runCount, 1);
  t.is(cache.usedBytes, expectedBytes);
});
