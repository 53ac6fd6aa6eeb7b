/**
 * Arrivals made up from a few numbers: all at once, evenly over a ramp, or a
 * Poisson process. By default one start per worker.
 */
import type { RandomStream } from '../../sim/engine/random.ts';
import type { Arrival } from './arrival.ts';

/** `count` starts at `atSec` seconds. */
export function atOnce(count: number, atSec: number): Arrival[] {
  return Array.from({ length: count }, () => ({ startSec: atSec }));
}

/** `count` starts evenly spaced from 0 to `overSec` seconds, both ends included. */
export function ramp(count: number, overSec: number): Arrival[] {
  return Array.from({ length: count }, (_, i) => ({
    startSec: count > 1 ? (i * overSec) / (count - 1) : 0,
  }));
}

/** `count` starts, exponential gaps of mean `1 / ratePerSec` s, the first after a gap. */
export function poisson(count: number, ratePerSec: number, rng: RandomStream): Arrival[] {
  let t = 0;
  return Array.from({ length: count }, () => {
    t += rng.exponential(1 / ratePerSec);
    return { startSec: t };
  });
}
