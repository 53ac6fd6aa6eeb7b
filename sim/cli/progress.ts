/**
 * A progress bar on stderr for work a person waits on, shown only when
 * stderr is a terminal (never in logs, pipes or CI). The work runs
 * synchronously, so the bar redraws from within `update` calls.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar with `format` (cli-progress tokens), or null when stderr is not a terminal. */
export function progressBar(format: string): Progress | null {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: true, synchronousUpdate: true, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
