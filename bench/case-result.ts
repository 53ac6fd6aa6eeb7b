import type { AnchorFigures } from './anchors.ts';

/** One benchmark case's figures: a JSON line of `npm run bench -- --json`. */
export interface CaseResult {
  name: string;
  size: number;
  events: number;
  wall_s: number;
  /** CPU seconds (user + system, all threads) of the case: less sensitive than wall to a busy machine. */
  cpu_s: number;
  events_per_s: number;
  peak_rss_mb: number;
  result: string;
  check: 'ok' | 'mismatch' | 'unchecked' | 'crashed';
  /** Runs the median was taken over. */
  reps?: number;
  /** 1-minute load average of the machine when the case ended. */
  load_1m?: number;
  /** The anchors' wall seconds for this case, when measured in the same bench run (`--anchors`). */
  anchors?: Partial<AnchorFigures>;
}
