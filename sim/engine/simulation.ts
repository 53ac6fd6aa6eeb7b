/**
 * The simulation: a clock, an event queue and the processes running on it.
 *
 * Time is a number of seconds. Two APIs drive it: callbacks (`schedule`),
 * the cheapest form for hot paths, and processes (`process`), generator
 * functions that read like the modelled system's own steps.
 */
import { SimulationError } from '../errors.ts';
import { SimEvent } from './event.ts';
import { Process, type ProcessBody, type Yieldable } from './process.ts';
import { EventQueue, type Callback } from './queue.ts';

export interface SimulationLimits {
  /** Stop with an error after this many events (default: no limit). */
  maxEvents?: number;
  /** Stop with an error if the clock would pass this time (default: no limit). */
  maxSimTimeSec?: number;
}

export interface RunStats {
  events: number;
  simTimeSec: number;
  wallSec: number;
}

/** A scheduled callback that can be cancelled before it fires. */
export interface Timer {
  cancel(): void;
}

export class Simulation {
  /** Current simulated time in seconds. */
  now = 0;
  eventsProcessed = 0;
  private readonly queue = new EventQueue();
  private readonly live = new Set<Process<any>>();
  private fatal: { process: Process<any>; error: unknown } | null = null;

  constructor(readonly limits: SimulationLimits = {}) {}

  /**
   * Calls `fn(arg)` after `delaySec` seconds of simulated time. Passing a
   * shared function and a payload, rather than a fresh closure, makes
   * scheduling allocation-free on hot paths.
   */
  schedule<A = undefined>(delaySec: number, fn: Callback<A>, arg?: A): void {
    if (!(delaySec >= 0)) throw new RangeError(`negative or invalid delay: ${delaySec}`);
    this.queue.push(this.now + delaySec, fn, arg);
  }

  /** Like `schedule`, but returns a handle that can cancel the call. */
  timer(delaySec: number, fn: () => void): Timer {
    let live = true;
    this.schedule(delaySec, () => {
      if (live) fn();
    });
    return {
      cancel() {
        live = false;
      },
    };
  }

  /** A new pending event. */
  event<T = unknown>(label?: string): SimEvent<T> {
    return new SimEvent<T>(this, label);
  }

  /** An event that succeeds after `delaySec` seconds with `value`. */
  timeout<T = undefined>(delaySec: number, value?: T): SimEvent<T> {
    return new SimEvent<T>(this, `timeout ${delaySec}s`).succeedAfter(delaySec, value);
  }

  /** Starts a process from a generator; it takes its first step at the current time. */
  process<T>(body: ProcessBody<T>, name = 'process', daemon = false): Process<T> {
    return new Process<T>(this, body, name, daemon);
  }

  /** An event that succeeds with all values once every one of `events` has succeeded. */
  allOf<T>(events: readonly SimEvent<T>[], label = 'all of'): SimEvent<T[]> {
    const all = new SimEvent<T[]>(this, label);
    let left = events.length;
    if (left === 0) return all.succeed([]);
    for (const event of events) {
      event.subscribe((done) => {
        if (all.triggered) return;
        if (done.failed) {
          all.fail(done.error);
          return;
        }
        if (--left === 0) all.succeed(events.map((e) => e.value as T));
      });
    }
    return all;
  }

  /** Entries waiting in the event queue (scheduled calls, timers, wake-ups). */
  get pendingEvents(): number {
    return this.queue.length;
  }

  /** Runs until the queue is empty or the clock reaches `untilSec`. */
  run(untilSec = Infinity): RunStats {
    const started = performance.now();
    const queue = this.queue;
    const maxEvents = this.limits.maxEvents ?? Infinity;
    const maxTime = this.limits.maxSimTimeSec ?? Infinity;
    // One comparison per event covers both the stop time and the time limit.
    const stopSec = Math.min(untilSec, maxTime);
    while (queue.length > 0) {
      const t = queue.peekTime();
      if (t > stopSec || this.eventsProcessed >= maxEvents) {
        if (t > untilSec) {
          this.now = untilSec;
          break;
        }
        this.throwLimit(t, maxTime, maxEvents);
      }
      this.now = t;
      const fn = queue.pop();
      this.eventsProcessed++;
      fn(queue.poppedArg);
      if (this.fatal !== null) this.throwFatal();
    }
    return {
      events: this.eventsProcessed,
      simTimeSec: this.now,
      wallSec: (performance.now() - started) / 1000,
    };
  }

  /**
   * Processes that have not finished and are not daemons, with what each
   * waits for. After a run that emptied the queue, any entry here is work
   * that can never finish.
   */
  stuckProcesses(): { name: string; waitingOn: string }[] {
    const out: { name: string; waitingOn: string }[] = [];
    for (const p of this.live) {
      if (!p.daemon) out.push({ name: p.name, waitingOn: p.waitingOn ?? 'nothing' });
    }
    return out;
  }

  /** Throws a `SimulationError` naming the stuck processes, if there are any. */
  assertAllFinished(): void {
    const stuck = this.stuckProcesses();
    if (stuck.length === 0) return;
    const shown = stuck
      .slice(0, 10)
      .map((s) => `  ${s.name} waits on ${s.waitingOn}`)
      .join('\n');
    const more = stuck.length > 10 ? `\n  ... and ${stuck.length - 10} more` : '';
    throw new SimulationError(
      `the run ended at t=${this.now} s with ${stuck.length} process(es) that ` +
        `can never finish:\n${shown}${more}`,
    );
  }

  /** @internal */
  registerProcess(p: Process<any>): void {
    this.live.add(p);
  }

  /** @internal */
  unregisterProcess(p: Process<any>): void {
    this.live.delete(p);
  }

  /** @internal A process failed; the failure is fatal unless someone waits on it. */
  reportUnhandled(p: Process<any>, error: unknown): void {
    if (!p.hasWaiters) this.fatal = { process: p, error };
  }

  private throwLimit(nextSec: number, maxTime: number, maxEvents: number): never {
    if (nextSec > maxTime) {
      throw new SimulationError(
        `simulated time limit reached: the next event is at ${nextSec} s, ` +
          `past the limit of ${maxTime} s (limits.simulated_time)`,
      );
    }
    throw new SimulationError(
      `event limit reached: ${maxEvents} events processed at t=${this.now} s ` +
        `(limits.events)`,
    );
  }

  private throwFatal(): never {
    const { process, error } = this.fatal!;
    this.fatal = null;
    if (error instanceof Error) {
      error.message = `in process ${process.name} at t=${this.now} s: ${error.message}`;
      throw error;
    }
    throw new Error(`in process ${process.name} at t=${this.now} s: ${String(error)}`);
  }
}

export type { Yieldable };
