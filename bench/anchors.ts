/**
 * Figures of the anchor benchmarks (the same PHOLD and flash crowd written
 * for SimGrid 3.32, SimPy 2.3.1 and a plain JavaScript heap simulator),
 * measured on the project's 2-core reference machine on 2026-12-03: median
 * wall seconds of 3 runs, model construction plus simulation.
 */
import type { CaseResult } from './case-result.ts';

export interface AnchorFigures {
  simgridWallSec: number;
  simpyWallSec: number;
  plainJsWallSec: number;
}

export const ANCHOR_WALL_SEC: Record<string, AnchorFigures> = {
  'phold:1000': { simgridWallSec: 3.8514, simpyWallSec: 4.6412, plainJsWallSec: 0.7622 },
  'flash-crowd:100': { simgridWallSec: 0.0068, simpyWallSec: 0.0062, plainJsWallSec: 0.0093 },
  'flash-crowd:1000': { simgridWallSec: 0.3305, simpyWallSec: 0.5998, plainJsWallSec: 0.1183 },
  'flash-crowd:10000': { simgridWallSec: 57.8349, simpyWallSec: 97.0052, plainJsWallSec: 13.447 },
};

/** The anchor a case compares with: both PHOLD cases with PHOLD, the flash crowd by size. */
export function anchorKey(r: Pick<CaseResult, 'name' | 'size'>): string {
  return r.name.startsWith('phold') ? `phold:${r.size}` : `${r.name}:${r.size}`;
}

/** The anchors' figures for a case: measured in the same run if they were, else the reference ones. */
export function anchorsFor(r: CaseResult): Partial<AnchorFigures> | undefined {
  return r.anchors ?? ANCHOR_WALL_SEC[anchorKey(r)];
}
