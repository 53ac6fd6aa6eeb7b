/**
 * Fluid resource sharing: activities with remaining work share capacity
 * constraints max-min fairly.
 *
 * A resource is anything with a capacity in work units per second: a link
 * (bytes/s), a disk (bytes/s), a pool of CPU cores (core-seconds/s). An
 * activity crosses one or more resources (a transfer crosses every link of
 * its path) and progresses at the rate the solver gives it. Rates are the
 * max-min fair allocation (progressive filling) subject to
 *   - each resource's capacity, which may depend on how many activities
 *     cross it (disks whose throughput falls with concurrency);
 *   - each activity's own rate cap (a TCP window over the round trip);
 *   - each activity's weight (its share is weight times the fair level).
 *
 * Only the connected component of resources and activities touched by a
 * start or a finish is re-solved. Changes made at one instant are solved
 * together in a single pass at that instant.
 */
import { SimEvent } from './event.ts';
import type { Simulation, Timer } from './simulation.ts';

/** Total capacity (work units/s) of a resource when `n` activities cross it. */
export type CapacityFn = (n: number) => number;

export class FluidResource {
  /** Activities currently crossing this resource. */
  readonly activities = new Set<Activity>();
  /** Work completed through this resource so far, up to `accountedAt`. */
  workDone = 0;
  /** Sum of the rates of the activities crossing it (work units/s). */
  load = 0;
  accountedAt = 0;
  /** Highest `load / capacity` ever seen (for invariant checks). */
  peakUtilisation = 0;
  // Scratch space for the solver.
  residual = 0;
  unfrozenWeight = 0;
  mark = 0;

  constructor(
    readonly name: string,
    /** Capacity in work units per second, with one activity. */
    readonly capacity: number,
    readonly capacityAt?: CapacityFn,
  ) {
    if (!(capacity > 0)) throw new RangeError(`${name}: capacity must be positive`);
  }

  /** Capacity with the current number of activities. */
  currentCapacity(): number {
    const n = this.activities.size;
    return this.capacityAt && n > 0 ? this.capacityAt(n) : this.capacity;
  }

  /** Work done through this resource up to `nowSec`. */
  workDoneAt(nowSec: number): number {
    return this.workDone + this.load * (nowSec - this.accountedAt);
  }
}

export interface ActivityOptions {
  /** Upper bound on the activity's rate (work units/s). */
  rateCap?: number;
  /** Share relative to other activities on the same bottleneck (default 1). */
  weight?: number;
  /** Time to wait before the activity joins the resources (e.g. link latency). */
  latencySec?: number;
  label?: string;
}

/** An activity is an event that succeeds with its total work once it is done. */
export class Activity extends SimEvent<number> {
  rate = 0;
  remaining: number;
  updatedAt: number;
  readonly rateCap: number;
  readonly weight: number;
  timer: Timer | null = null;
  started = false;
  cancelled = false;
  // Scratch space for the solver.
  frozen = false;
  mark = 0;

  constructor(
    sim: Simulation,
    readonly work: number,
    readonly resources: readonly FluidResource[],
    options: ActivityOptions,
  ) {
    super(sim, options.label ?? 'activity');
    this.remaining = work;
    this.updatedAt = sim.now;
    this.rateCap = options.rateCap ?? Infinity;
    this.weight = options.weight ?? 1;
  }

  /** Remaining work at `nowSec`, given the current rate. */
  remainingAt(nowSec: number): number {
    return Math.max(0, this.remaining - this.rate * (nowSec - this.updatedAt));
  }
}

const RELATIVE_EPSILON = 1e-12;

export class FluidModel {
  private dirty: FluidResource[] = [];
  private solvePending = false;
  private epoch = 0;
  /** Number of activity rate assignments made by the solver (a cost measure). */
  rateUpdates = 0;

  constructor(readonly sim: Simulation) {}

  resource(name: string, capacityPerSec: number, capacityAt?: CapacityFn): FluidResource {
    return new FluidResource(name, capacityPerSec, capacityAt);
  }

  /**
   * Starts an activity of `work` units over `resources`. The returned event
   * succeeds when the work is done. Zero work finishes after the latency.
   */
  start(work: number, resources: readonly FluidResource[], options: ActivityOptions = {}): Activity {
    if (!(work >= 0) || !Number.isFinite(work)) {
      throw new RangeError(`activity work must be a finite number >= 0, got ${work}`);
    }
    const activity = new Activity(this.sim, work, resources, options);
    const latency = options.latencySec ?? 0;
    if (latency > 0) this.sim.schedule(latency, () => this.join(activity));
    else this.join(activity);
    return activity;
  }

  /** Stops an activity before it finishes; its event fails with `reason`. */
  cancel(activity: Activity, reason: unknown = new Error('cancelled')): void {
    if (activity.triggered || activity.cancelled) return;
    activity.cancelled = true;
    if (activity.started) this.leave(activity);
    activity.fail(reason);
  }

  private join(activity: Activity): void {
    if (activity.cancelled) return;
    activity.started = true;
    activity.updatedAt = this.sim.now;
    if (activity.work === 0 || activity.resources.length === 0 && activity.rateCap === Infinity) {
      activity.remaining = 0;
      activity.succeed(activity.work);
      return;
    }
    for (const r of activity.resources) {
      r.activities.add(activity);
      this.markDirty(r);
    }
    if (activity.resources.length === 0) this.assignRate(activity, activity.rateCap);
  }

  private leave(activity: Activity): void {
    activity.timer?.cancel();
    activity.timer = null;
    activity.remaining = activity.remainingAt(this.sim.now);
    activity.updatedAt = this.sim.now;
    for (const r of activity.resources) {
      this.account(r);
      r.load -= activity.rate;
      if (r.load < 0) r.load = 0;
      r.activities.delete(activity);
      this.markDirty(r);
    }
    activity.rate = 0;
  }

  private finish(activity: Activity): void {
    activity.timer = null;
    this.leave(activity);
    activity.remaining = 0;
    activity.succeed(activity.work);
  }

  private markDirty(r: FluidResource): void {
    this.dirty.push(r);
    if (!this.solvePending) {
      this.solvePending = true;
      this.sim.schedule(0, () => this.solve());
    }
  }

  private account(r: FluidResource): void {
    const now = this.sim.now;
    r.workDone += r.load * (now - r.accountedAt);
    r.accountedAt = now;
  }

  /** Re-rates every activity in the components reachable from dirty resources. */
  private solve(): void {
    this.solvePending = false;
    const epoch = ++this.epoch;
    const resources: FluidResource[] = [];
    const activities: Activity[] = [];
    const stack = this.dirty;
    this.dirty = [];
    for (const r of stack) {
      if (r.mark !== epoch) {
        r.mark = epoch;
        resources.push(r);
      }
    }
    // 1. Collect the connected component(s) of the changed resources.
    for (let i = 0; i < resources.length; i++) {
      for (const a of resources[i]!.activities) {
        if (a.mark === epoch) continue;
        a.mark = epoch;
        activities.push(a);
        for (const r of a.resources) {
          if (r.mark !== epoch) {
            r.mark = epoch;
            resources.push(r);
          }
        }
      }
    }
    // 2. Start every resource at full capacity and every activity unfrozen.
    for (const r of resources) {
      this.account(r);
      r.residual = r.currentCapacity();
      r.unfrozenWeight = 0;
    }
    for (const a of activities) {
      a.frozen = false;
      for (const r of a.resources) r.unfrozenWeight += a.weight;
    }
    // 3. Progressive filling: raise the fair level until a resource saturates
    //    or an activity reaches its cap; freeze those and repeat.
    let unfrozen = activities.length;
    const newRates = new Map<Activity, number>();
    while (unfrozen > 0) {
      let level = Infinity;
      for (const r of resources) {
        if (r.unfrozenWeight > 0) {
          const l = Math.max(0, r.residual) / r.unfrozenWeight;
          if (l < level) level = l;
        }
      }
      for (const a of activities) {
        if (!a.frozen && a.rateCap / a.weight < level) level = a.rateCap / a.weight;
      }
      const threshold = level * (1 + RELATIVE_EPSILON);
      for (const a of activities) {
        if (a.frozen) continue;
        let freeze = a.rateCap / a.weight <= threshold;
        if (!freeze) {
          for (const r of a.resources) {
            if (r.unfrozenWeight > 0 && Math.max(0, r.residual) / r.unfrozenWeight <= threshold) {
              freeze = true;
              break;
            }
          }
        }
        if (!freeze) continue;
        const rate = Math.min(a.rateCap, a.weight * level);
        newRates.set(a, rate);
        a.frozen = true;
        unfrozen--;
      }
      // Subtract frozen shares after deciding, so one round uses one level.
      for (const [a, rate] of newRates) {
        if (a.mark !== epoch) continue;
        a.mark = -epoch;
        for (const r of a.resources) {
          r.residual -= rate;
          r.unfrozenWeight -= a.weight;
        }
      }
    }
    // 4. Apply the rates; reschedule completions only where a rate changed.
    for (const r of resources) r.load = 0;
    for (const a of activities) {
      const rate = newRates.get(a)!;
      for (const r of a.resources) r.load += rate;
      if (rate !== a.rate || a.timer === null) this.assignRate(a, rate);
    }
    for (const r of resources) {
      const u = r.load / r.currentCapacity();
      if (u > r.peakUtilisation) r.peakUtilisation = u;
    }
  }

  private assignRate(a: Activity, rate: number): void {
    const now = this.sim.now;
    a.remaining = a.remainingAt(now);
    a.updatedAt = now;
    a.rate = rate;
    this.rateUpdates++;
    a.timer?.cancel();
    a.timer = null;
    if (rate > 0 && Number.isFinite(rate)) {
      a.timer = this.sim.timer(a.remaining / rate, () => this.finish(a));
    } else if (rate === Infinity) {
      a.timer = this.sim.timer(0, () => this.finish(a));
    }
  }
}
