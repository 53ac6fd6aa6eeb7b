/**
 * The anchors' flash crowd through FluidModel must give their figures: the
 * same recorded arrivals, the same last finish and mean download time
 * (SimGrid, SimPy and a plain JS simulator agree on every digit).
 */
import test from 'ava';
import { fileURLToPath } from 'node:url';
import { FLASH_ANCHOR_RESULTS, readStarts, runFlashCrowd } from '../../bench/flash-crowd.ts';
import { near } from './near.ts';

for (const workers of [100, 1000]) {
  test(`flash crowd of ${workers} workers matches the anchors`, (t) => {
    const path = fileURLToPath(
      new URL(`../../bench/data/flash-starts-${workers}.csv`, import.meta.url),
    );
    const result = runFlashCrowd(readStarts(path));
    const expected = FLASH_ANCHOR_RESULTS[workers]!;
    t.is(result.workers, workers);
    near(t, result.lastFinishSec, expected.lastFinishSec, 'last finish', 1e-9);
    near(t, result.meanDownloadSec, expected.meanDownloadSec, 'mean download', 1e-9);
  });
}
