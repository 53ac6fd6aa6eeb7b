/**
 * The flash crowd of the anchors, through the engine's FluidModel.
 *
 * One server behind a 1.25e9 B/s (10 Gbit/s) uplink; every worker has its own
 * 1.25e8 B/s (1 Gbit/s) link and downloads 1e8 bytes from the server,
 * starting at its own arrival time. A download crosses [uplink, worker link];
 * bandwidth is shared max-min fairly; latencies are zero.
 */
import { readFileSync } from 'node:fs';
import { FluidModel } from '../sim/engine/fluid.ts';
import { RandomStreams } from '../sim/engine/random.ts';
import { Simulation } from '../sim/engine/simulation.ts';

export const UPLINK_BYTES_PER_SEC = 1.25e9;
export const WORKER_LINK_BYTES_PER_SEC = 1.25e8;
export const DOWNLOAD_BYTES = 1e8;

export interface FlashCrowdResult {
  workers: number;
  /** Time the last worker finished its download (s). */
  lastFinishSec: number;
  /** Mean of finish - start over workers (s). */
  meanDownloadSec: number;
  /** Flow arrivals + completions, the anchors' event count (2 per worker). */
  flowEvents: number;
  engineEvents: number;
}

/** Replays downloads starting at `startsSec[i]` for worker i. */
export function runFlashCrowd(startsSec: Float64Array): FlashCrowdResult {
  const workers = startsSec.length;
  const sim = new Simulation();
  const fluid = new FluidModel(sim);
  const uplink = fluid.resource('server uplink', UPLINK_BYTES_PER_SEC);
  const finishSec = new Float64Array(workers).fill(NaN);

  for (let i = 0; i < workers; i++) {
    const link = fluid.resource(`worker ${i} link`, WORKER_LINK_BYTES_PER_SEC);
    sim.schedule(startsSec[i]!, () => {
      const download = fluid.start(DOWNLOAD_BYTES, [uplink, link], { label: `pull ${i}` });
      download.subscribe(() => (finishSec[i] = sim.now));
    });
  }
  sim.run();

  let lastFinishSec = 0;
  let totalDownloadSec = 0;
  for (let i = 0; i < workers; i++) {
    if (Number.isNaN(finishSec[i]!)) throw new Error(`worker ${i} never finished`);
    lastFinishSec = Math.max(lastFinishSec, finishSec[i]!);
    totalDownloadSec += finishSec[i]! - startsSec[i]!;
  }
  return {
    workers,
    lastFinishSec,
    meanDownloadSec: totalDownloadSec / workers,
    flowEvents: 2 * workers,
    engineEvents: sim.eventsProcessed,
  };
}

/** Arrival times from a `worker,start_s` CSV file. */
export function readStarts(path: string): Float64Array {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  if (lines[0] !== 'worker,start_s') throw new Error(`${path}: unexpected header ${lines[0]}`);
  return Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[1]));
}

/** Arrivals uniform in [0, windowSec) from a seeded stream. */
export function uniformStarts(workers: number, windowSec: number, seed = 42): Float64Array {
  const stream = new RandomStreams(seed).stream('flash crowd arrivals');
  return Float64Array.from({ length: workers }, () => stream.uniform(0, windowSec));
}

/** The anchors' results for their recorded arrivals (SimGrid, SimPy and plain JS agree). */
export const FLASH_ANCHOR_RESULTS: Record<number, { lastFinishSec: number; meanDownloadSec: number }> = {
  100: { lastFinishSec: 10.775376064951104, meanDownloadSec: 0.88817153738144006 },
  1000: { lastFinishSec: 80.044255136361599, meanDownloadSec: 69.836695530206853 },
  10000: { lastFinishSec: 800.00302132909599, meanDownloadSec: 790.00101476264683 },
};
