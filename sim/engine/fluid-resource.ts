/**
 * A resource of the fluid model: anything with a capacity in work units per
 * second that activities share (a link in bytes/s, a disk in bytes/s, a pool
 * of CPU cores in core-seconds/s).
 */
import type { Activity } from './fluid-activity.ts';
import type { ShareGroup } from './fluid-group.ts';

/** Total capacity (work units/s) of a resource when `n` activities cross it. */
export type CapacityFn = (n: number) => number;

let nextResourceId = 0;

export class FluidResource {
  /**
   * Activities currently crossing this resource, in no particular order.
   * An array rather than a set: the solver walks it and changes it on every
   * start and finish, and an activity knows its own index in it.
   */
  readonly activities: Activity[] = [];
  /** Work done by activities that have left this resource (finished or cancelled). */
  workDone = 0;
  /** @internal Stable identity used to key share groups. */
  readonly id = nextResourceId++;
  /**
   * @internal Whether the share groups treat this resource as shared (two or
   * more activities) rather than as a private rate cap of its one activity.
   */
  keyedShared = false;
  /** @internal Groups whose activities all share this resource (each knows its index). */
  readonly groups: ShareGroup[] = [];
  /** @internal Solver scratch space. */
  residual = 0;
  unfrozenWeight = 0;
  mark = 0;
  private peak = 0;

  constructor(
    readonly name: string,
    /** Capacity in work units per second, with one activity. */
    readonly capacity: number,
    readonly capacityAt?: CapacityFn,
  ) {
    if (!(capacity > 0)) throw new RangeError(`${name}: capacity must be positive`);
  }

  /** Capacity (work units/s) with the current number of activities. */
  currentCapacity(): number {
    return this.capacityWith(this.activities.length);
  }

  /** Capacity (work units/s) with `n` activities crossing. */
  capacityWith(n: number): number {
    return this.capacityAt && n > 0 ? this.capacityAt(n) : this.capacity;
  }

  /** Sum of the rates (work units/s) of the activities crossing it now. */
  get load(): number {
    let sum = 0;
    for (const a of this.activities) sum += a.rate;
    return sum;
  }

  /** Work (units) done through this resource up to `nowSec`. */
  workDoneAt(nowSec: number): number {
    let sum = this.workDone;
    for (const a of this.activities) sum += a.work - a.remainingAt(nowSec);
    return sum;
  }

  /**
   * Highest load / capacity seen so far. While a single activity crosses the
   * resource it is bounded by that activity's share group, whose rate never
   * exceeds this resource's capacity.
   */
  get peakUtilisation(): number {
    let peak = this.peak;
    if (this.activities.length === 1 && !this.keyedShared) {
      for (const a of this.activities) peak = Math.max(peak, a.privatePeakRate() / this.capacityWith(1));
    }
    return peak;
  }

  /** @internal Adds `a`, whose k-th resource this is. */
  addActivity(a: Activity, k: number): void {
    a.positions[k] = this.activities.length;
    this.activities.push(a);
  }

  /** @internal Removes `a`, whose k-th resource this is. */
  removeActivity(a: Activity, k: number): void {
    const i = a.positions[k]!;
    const moved = swapRemove(this.activities, i);
    if (moved) moved.positions[moved.resources.indexOf(this)] = i;
  }

  /** @internal Adds `g`, whose k-th shared resource this is. */
  addGroup(g: ShareGroup, k: number): void {
    g.positions[k] = this.groups.length;
    this.groups.push(g);
  }

  /** @internal Removes `g`, whose k-th shared resource this is. */
  removeGroup(g: ShareGroup, k: number): void {
    const i = g.positions[k]!;
    const moved = swapRemove(this.groups, i);
    if (moved) moved.positions[moved.shared.indexOf(this)] = i;
  }

  /** @internal Records a utilisation the solver or an activity observed. */
  notePeak(utilisation: number): void {
    if (utilisation > this.peak) this.peak = utilisation;
  }
}

/**
 * Removes `list[i]` by moving the last element into its place; returns the
 * element moved, if any, whose recorded index the caller updates.
 */
function swapRemove<T>(list: T[], i: number): T | undefined {
  const last = list.pop()!;
  if (i === list.length) return undefined;
  list[i] = last;
  return last;
}
