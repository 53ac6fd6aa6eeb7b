/**
 * Seeded random streams, one per named purpose.
 *
 * Each stream is seeded from the scenario seed and its own name, so adding a
 * draw in one model never shifts the numbers another model sees.
 */
import seedrandom from 'seedrandom';

export class RandomStream {
  private readonly prng: seedrandom.PRNG;

  constructor(seed: string) {
    this.prng = seedrandom.alea(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.prng();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.prng()) * mean;
  }

  /** Standard normal, by Box-Muller (one draw per pair; the twin is dropped for simplicity). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.prng();
    const v = this.prng();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal whose median is `median` and whose log has standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.prng() * (high - low + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.prng() * items.length)]!;
  }
}

export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number | string) {}

  /** The stream for `purpose`; the same name always gives the same stream object. */
  stream(purpose: string): RandomStream {
    let s = this.streams.get(purpose);
    if (!s) {
      s = new RandomStream(`${this.seed}/${purpose}`);
      this.streams.set(purpose, s);
    }
    return s;
  }
}
