/**
 * An activity: an amount of work (bytes, core-seconds) that progresses across
 * one or more fluid resources at the rate the solver gives it. It is an event
 * that succeeds with its total work once that work is done.
 */
import { SimEvent } from './event.ts';
import type { ShareGroup } from './fluid-group.ts';
import type { FluidResource } from './fluid-resource.ts';
import type { HeapEntry } from './indexed-heap.ts';
import type { Simulation } from './simulation.ts';

export interface ActivityOptions {
  /** Upper bound on the activity's rate (work units/s). */
  rateCap?: number;
  /** Share relative to other activities on the same bottleneck (default 1). */
  weight?: number;
  /** Time (s) to wait before the activity joins the resources (e.g. link latency). */
  latencySec?: number;
  label?: string;
}

/** Where an activity is in its life. */
export type ActivityPhase = 'latency' | 'running' | 'done' | 'cancelled';

let nextActivitySeq = 0;

export class Activity extends SimEvent<number> implements HeapEntry {
  readonly rateCap: number;
  readonly weight: number;
  phase: ActivityPhase = 'latency';
  /** @internal The share group it progresses with while running. */
  group: ShareGroup | null = null;
  /** @internal Remaining work while not in a group. */
  detachedRemaining: number;
  /** @internal Group's virtual work counter at which this activity is done. */
  heapKey = 0;
  heapIndex = -1;
  readonly heapSeq = nextActivitySeq++;
  /** @internal Pending re-grouping at the next solve. */
  regroupPending = false;
  /** @internal Index of this activity in the list of each of its resources. */
  readonly positions: Int32Array;

  constructor(
    sim: Simulation,
    /** Total work (units). */
    readonly work: number,
    readonly resources: readonly FluidResource[],
    options: ActivityOptions,
  ) {
    super(sim, options.label ?? 'activity');
    this.detachedRemaining = work;
    this.positions = new Int32Array(resources.length);
    this.rateCap = options.rateCap ?? Infinity;
    this.weight = options.weight ?? 1;
    if (!(this.weight > 0) || !Number.isFinite(this.weight)) {
      throw new RangeError(`${this.label}: weight must be a finite number > 0`);
    }
    if (!(this.rateCap > 0)) throw new RangeError(`${this.label}: rateCap must be > 0`);
  }

  /** True once it has joined its resources (after the latency). */
  get started(): boolean {
    return this.phase !== 'latency';
  }

  get cancelled(): boolean {
    return this.phase === 'cancelled';
  }

  /** Current rate (work units/s); 0 before it starts and after it ends. */
  get rate(): number {
    return this.group === null ? 0 : this.group.rate;
  }

  /** Remaining work (units) now. */
  get remaining(): number {
    return this.remainingAt(this.sim.now);
  }

  /** Remaining work (units) at `nowSec`, projected with the current rate. */
  remainingAt(nowSec: number): number {
    if (this.group === null) return this.detachedRemaining;
    return Math.max(0, this.heapKey - this.group.workAt(nowSec));
  }

  /** @internal Highest rate of its current group (bounds its private resources' load). */
  privatePeakRate(): number {
    return this.group === null ? 0 : this.group.peakRate;
  }
}
