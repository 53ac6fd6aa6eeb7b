/**
 * Processes: models written as plain sequential generator functions.
 *
 * A process body yields what it waits for: an event (a transfer, a resource
 * grant, another process) or a number of seconds to sleep. The value of the
 * event comes back as the value of the `yield`; a failed event is thrown at
 * the `yield`. A process is itself an event that succeeds with the body's
 * return value, so processes can wait for each other.
 */
import { Interrupt, SimEvent, type Waiter } from './event.ts';
import type { Simulation } from './simulation.ts';

/** What a process body may yield: an event to wait for, or a delay in seconds. */
export type Yieldable = SimEvent<any> | number;

export type ProcessBody<T> = Generator<Yieldable, T, any>;

/** Done events a process may pass in one step before it waits its turn. */
const MAX_INLINE_STEPS = 1000;

export class Process<T = unknown> extends SimEvent<T> {
  private target: SimEvent<any> | null = null;
  private readonly resumeFn: Waiter<any>;
  // A `yield seconds` is a bare queue entry, not an event: the hot path of
  // most models. The generation tells a current wake-up from one abandoned
  // by an interrupt.
  private sleepSec = -1;
  private sleepGeneration = 0;
  private readonly wakeFn: (generation: number) => void;

  constructor(
    sim: Simulation,
    private readonly body: ProcessBody<T>,
    readonly name: string,
    /** Daemons may wait forever without the run reporting them as stuck. */
    readonly daemon = false,
  ) {
    super(sim, name);
    this.resumeFn = (event) => this.resume(event);
    this.wakeFn = (generation) => this.wake(generation);
    sim.registerProcess(this);
    sim.schedule(0, firstStep, this);
  }

  /** Description of what the process waits for, or null when it is running or done. */
  get waitingOn(): string | null {
    if (this.sleepSec >= 0) return `timeout ${this.sleepSec}s`;
    return this.target ? this.target.label : null;
  }

  /**
   * Throws an `Interrupt` carrying `cause` into the process at its current
   * `yield`. The event it waited for is left alone (a transfer keeps going;
   * cancel it explicitly if that is what the model means).
   */
  interrupt(cause: unknown = 'interrupt'): void {
    if (this.triggered) return;
    const target = this.target;
    if (target) target.unsubscribe(this.resumeFn);
    this.target = null;
    if (this.sleepSec >= 0) {
      this.sleepSec = -1;
      this.sleepGeneration++;
    }
    this.sim.schedule(0, () => {
      if (!this.triggered) this.step(undefined, new Interrupt(cause), true);
    });
  }

  private wake(generation: number): void {
    if (generation !== this.sleepGeneration) return;
    this.sleepSec = -1;
    this.step(undefined, undefined, false);
  }

  private resume(event: SimEvent<any>): void {
    this.target = null;
    if (event.failed) this.step(undefined, event.error, true);
    else this.step(event.value, undefined, false);
  }

  /**
   * @internal Runs the body up to its next `yield` of something not done yet.
   * An event already processed (a free semaphore slot, a finished process)
   * is handed back at once, without a trip through the event queue.
   */
  step(value: unknown, error: unknown, isError: boolean): void {
    // Past this many done events in a row, go through the queue anyway, so
    // that a body looping on done events still meets the event limit.
    let inline = 0;
    for (;;) {
      let result: IteratorResult<Yieldable, T>;
      try {
        result = isError ? this.body.throw(error) : this.body.next(value);
      } catch (thrown) {
        this.sim.unregisterProcess(this);
        this.fail(thrown);
        this.sim.reportUnhandled(this, thrown);
        return;
      }
      if (result.done) {
        this.sim.unregisterProcess(this);
        this.succeed(result.value);
        return;
      }
      const awaited = result.value;
      if (typeof awaited === 'number') {
        this.sim.schedule(awaited, this.wakeFn, ++this.sleepGeneration);
        this.sleepSec = awaited;
        return;
      }
      if (!awaited.processed || ++inline > MAX_INLINE_STEPS) {
        this.target = awaited;
        awaited.subscribe(this.resumeFn);
        return;
      }
      isError = awaited.failed;
      value = isError ? undefined : awaited.value;
      error = isError ? awaited.error : undefined;
    }
  }
}

function firstStep(p: Process<any>): void {
  p.step(undefined, undefined, false);
}
