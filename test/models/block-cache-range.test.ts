/**
 * Block caches take a fetched run of blocks at once: a bitmap marks whole
 * bytes in the middle of a run and must mark exactly what one-by-one
 * inserts mark.
 */
import test from 'ava';
import fc from 'fast-check';
import { BitmapBlocks } from '../../models/drivers/block-cache.ts';

test('a bitmap range insert marks exactly the blocks that one-by-one inserts mark', (t) => {
  const blocks = 200;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(blocks - 1), fc.nat(40)), { maxLength: 8 }),
      (ranges) => {
        const byRange = new BitmapBlocks(blocks);
        const byBlock = new BitmapBlocks(blocks);
        for (const [first, length] of ranges) {
          const last = Math.min(blocks - 1, first + length);
          byRange.insertRange(first, last);
          for (let b = first; b <= last; b++) byBlock.insert(b);
        }
        for (let b = 0; b < blocks; b++) {
          if (byRange.peek(b) !== byBlock.peek(b)) return false;
        }
        return true;
      },
    ),
    { numRuns: 2000 },
  );
  t.pass();
});

test('a range insert inside one byte and across bytes', (t) => {
  const bits = new BitmapBlocks(64);
  bits.insertRange(3, 5);
  bits.insertRange(14, 33);
  const marked = Array.from({ length: 64 }, (_, b) => bits.peek(b));
  const expected = Array.from({ length: 64 }, (_, b) => (b >= 3 && b <= 5) || (b >= 14 && b <= 33));
  t.deepEqual(marked, expected);
});
