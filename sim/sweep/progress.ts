/**
 * Telling the user how a sweep is going, on stderr: a bar (points done,
 * points per second, time left) on a terminal; one plain line per point
 * with `--verbose` otherwise (logs of batch jobs); nothing else.
 */
import cliProgress from 'cli-progress';
import { formatSeconds } from '../units.ts';
import type { PointTask } from './point.ts';

export interface Progress {
  /** A point finished after `wallSec` seconds of its worker's time. */
  pointDone(task: PointTask, wallSec: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Points of this run, including those already done before it. */
  total: number;
  alreadyDone: number;
  verbose: boolean;
  stream?: NodeJS.WriteStream;
}

/** A progress reporter suited to where stderr goes. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const startedMs = performance.now();
  let done = options.alreadyDone;
  const rate = () =>
    (done - options.alreadyDone) / ((performance.now() - startedMs) / 1000);

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: 'points {bar} {value}/{total} | {rate} points/s | {left} left',
      hideCursor: true,
      fps: 5,
    }, cliProgress.Presets.shades_classic);
    bar.start(options.total, done, { rate: '-', left: '-' });
    return {
      pointDone: () => {
        done++;
        // The overall rate, not cli-progress's own estimate, so that several
        // workers finishing in bursts give a steady time left.
        const perSec = rate();
        const remaining = options.total - done;
        const left = remaining === 0 ? 'nothing' : formatSeconds(remaining / perSec);
        bar.update(done, { rate: perSec.toFixed(2), left });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    pointDone: (task, wallSec) => {
      done++;
      if (!options.verbose) return;
      const what = task.sets.length ? task.sets.join(' ') : '(no overrides)';
      stream.write(`point ${task.id} done (${done}/${options.total}, ` +
        `${formatSeconds(wallSec)}): ${what}\n`);
    },
    stop: () => {},
  };
}
