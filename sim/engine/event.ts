/**
 * A one-shot occurrence in simulated time that processes can wait for.
 *
 * An event is pending until someone calls `succeed` or `fail`; its waiters
 * are then called back through the event queue at the current simulated
 * time, in the order they subscribed, so that chains of events stay in
 * deterministic order.
 */
import type { Simulation } from './simulation.ts';

export type Waiter<T> = (event: SimEvent<T>) => void;

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

export class SimEvent<T = unknown> {
  /** A short description used when a run reports what is still waiting. */
  label: string;
  value: T | undefined = undefined;
  error: unknown = undefined;
  private state = PENDING;
  // Typed loosely so that SimEvent<T> stays covariant in T (a Process<never>
  // is a SimEvent<any>); subscribe() keeps the precise type for callers.
  private waiters: Waiter<any>[] | null = null;

  constructor(
    readonly sim: Simulation,
    label = 'event',
  ) {
    this.label = label;
  }

  get triggered(): boolean {
    return this.state !== PENDING;
  }

  get processed(): boolean {
    return this.state === PROCESSED;
  }

  get failed(): boolean {
    return this.state !== PENDING && this.error !== undefined;
  }

  succeed(value?: T): this {
    if (this.state !== PENDING) throw new Error(`${this.label} was triggered twice`);
    this.value = value;
    this.state = TRIGGERED;
    this.sim.schedule(0, processEvent, this);
    return this;
  }

  /**
   * Succeeds and is processed at once, with no waiters to call: for an
   * event that is done when it is made (a free slot). A process that yields
   * it continues without a trip through the event queue.
   */
  succeedProcessed(value?: T): this {
    if (this.state !== PENDING) throw new Error(`${this.label} was triggered twice`);
    this.value = value;
    this.state = PROCESSED;
    return this;
  }

  /** Succeeds after `delaySec` of simulated time, with a single queue entry. */
  succeedAfter(delaySec: number, value?: T): this {
    if (this.state !== PENDING) throw new Error(`${this.label} was triggered twice`);
    this.value = value;
    this.sim.schedule(delaySec, triggerAndProcess, this);
    return this;
  }

  fail(error: unknown): this {
    if (this.state !== PENDING) throw new Error(`${this.label} was triggered twice`);
    this.error = error ?? new Error(`${this.label} failed`);
    this.state = TRIGGERED;
    this.sim.schedule(0, processEvent, this);
    return this;
  }

  /** Calls `waiter` once the event is processed (at once if it already was). */
  subscribe(waiter: Waiter<T>): void {
    if (this.state === PROCESSED) {
      this.sim.schedule(0, () => waiter(this));
      return;
    }
    if (this.waiters === null) this.waiters = [waiter];
    else this.waiters.push(waiter);
  }

  get hasWaiters(): boolean {
    return this.waiters !== null && this.waiters.length > 0;
  }

  /** Removes a waiter that has not been called yet; returns whether it was found. */
  unsubscribe(waiter: Waiter<T>): boolean {
    if (this.waiters === null) return false;
    const i = this.waiters.indexOf(waiter);
    if (i < 0) return false;
    this.waiters.splice(i, 1);
    return true;
  }

  /** @internal Marks it triggered (for `succeedAfter`) and calls the waiters. */
  triggerNow(): void {
    if (this.state !== PENDING) throw new Error(`${this.label} was triggered twice`);
    this.state = TRIGGERED;
    this.process();
  }

  /** @internal Calls the waiters, in subscription order. */
  process(): void {
    this.state = PROCESSED;
    const waiters = this.waiters;
    this.waiters = null;
    if (waiters === null) return;
    for (const waiter of waiters) waiter(this);
  }
}

function processEvent(event: SimEvent<any>): void {
  event.process();
}

function triggerAndProcess(event: SimEvent<any>): void {
  event.triggerNow();
}

/** Thrown into a process that another process interrupted. */
export class Interrupt extends Error {
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${String(cause)}`);
    this.name = 'Interrupt';
  }
}
