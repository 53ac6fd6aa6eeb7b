/**
 * PHOLD, the classic event-list benchmark, with the anchors' parameters.
 *
 * N logical processes (LPs); each starts with one event at
 * lookahead + Exp(mean). Handling an event at LP j draws, from LP j's own
 * stream, a uniform destination LP and a delay lookahead + Exp(mean), and
 * sends the next event there. Per-LP streams make the result depend only on
 * each LP's own order of events, so any correct engine processes the same
 * count (1,999,015 for N=1000, T=2200, seed 42) with the same per-LP counts.
 */
import { Simulation } from '../sim/engine/simulation.ts';
import { Mt19937 } from './mt19937.ts';

export interface PholdParams {
  lps: number;
  endSec: number;
  seed: number;
  lookaheadSec: number;
  meanDelaySec: number;
}

export const PHOLD_ANCHOR: PholdParams = {
  lps: 1000,
  endSec: 2200,
  seed: 42,
  lookaheadSec: 0.1,
  meanDelaySec: 1.0,
};

export interface PholdResult {
  /** PHOLD events handled (time <= endSec). */
  events: number;
  /** sum over LPs of (lp + 1) * events handled at lp: equal counts per LP. */
  fingerprint: number;
  engineEvents: number;
}

function lpStreams(p: PholdParams): Mt19937[] {
  return Array.from({ length: p.lps }, (_, lp) => new Mt19937(lp + p.seed * 2 ** 32));
}

function summarise(counts: Float64Array, sim: Simulation): PholdResult {
  let events = 0;
  let fingerprint = 0;
  for (let lp = 0; lp < counts.length; lp++) {
    events += counts[lp]!;
    fingerprint += (lp + 1) * counts[lp]!;
  }
  return { events, fingerprint, engineEvents: sim.eventsProcessed };
}

/** PHOLD on the callback API: one shared handler, the LP as the payload. */
export function pholdCallbacks(p: PholdParams = PHOLD_ANCHOR): PholdResult {
  const sim = new Simulation();
  const streams = lpStreams(p);
  const counts = new Float64Array(p.lps);
  const { lps, lookaheadSec, meanDelaySec } = p;

  const handle = (lp: number): void => {
    counts[lp]!++;
    const stream = streams[lp]!;
    const dest = Math.floor(stream.random() * lps);
    const delaySec = lookaheadSec - Math.log(1 - stream.random()) * meanDelaySec;
    sim.schedule(delaySec, handle, dest);
  };

  for (let lp = 0; lp < lps; lp++) {
    const firstSec = lookaheadSec - Math.log(1 - streams[lp]!.random()) * meanDelaySec;
    sim.schedule(firstSec, handle, lp);
  }
  sim.run(p.endSec);
  return summarise(counts, sim);
}

/**
 * PHOLD as processes, the way SimPy and SimGrid run it: each of the N
 * circulating events is a long-lived process (a token) that sleeps for the
 * delay and then handles the event at its destination LP.
 */
export function pholdProcesses(p: PholdParams = PHOLD_ANCHOR): PholdResult {
  const sim = new Simulation();
  const streams = lpStreams(p);
  const counts = new Float64Array(p.lps);
  const { lps, lookaheadSec, meanDelaySec } = p;

  function* token(firstLp: number): Generator<number, void, unknown> {
    let lp = firstLp;
    let delaySec = lookaheadSec - Math.log(1 - streams[lp]!.random()) * meanDelaySec;
    for (;;) {
      yield delaySec;
      counts[lp]!++;
      const stream = streams[lp]!;
      lp = Math.floor(stream.random() * lps);
      delaySec = lookaheadSec - Math.log(1 - stream.random()) * meanDelaySec;
    }
  }

  for (let lp = 0; lp < lps; lp++) sim.process(token(lp), `token ${lp}`, true);
  sim.run(p.endSec);
  return summarise(counts, sim);
}
