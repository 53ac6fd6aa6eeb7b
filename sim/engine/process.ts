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

export class Process<T = unknown> extends SimEvent<T> {
  private target: SimEvent<any> | null = null;
  private readonly resumeFn: Waiter<any>;

  constructor(
    sim: Simulation,
    private readonly body: ProcessBody<T>,
    readonly name: string,
    /** Daemons may wait forever without the run reporting them as stuck. */
    readonly daemon = false,
  ) {
    super(sim, name);
    this.resumeFn = (event) => this.resume(event);
    sim.registerProcess(this);
    sim.schedule(0, () => this.step(undefined, undefined, false));
  }

  /** Description of what the process waits for, or null when it is running or done. */
  get waitingOn(): string | null {
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
    this.sim.schedule(0, () => {
      if (!this.triggered) this.step(undefined, new Interrupt(cause), true);
    });
  }

  private resume(event: SimEvent<any>): void {
    this.target = null;
    if (event.failed) this.step(undefined, event.error, true);
    else this.step(event.value, undefined, false);
  }

  private step(value: unknown, error: unknown, isError: boolean): void {
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
    const event = typeof awaited === 'number' ? this.sim.timeout(awaited) : awaited;
    this.target = event;
    event.subscribe(this.resumeFn);
  }
}
