/**
 * Fluid resource sharing: activities with remaining work share capacity
 * constraints max-min fairly.
 *
 * An activity crosses one or more resources (a transfer crosses every link
 * of its path) and progresses at the rate the solver gives it: the max-min
 * fair allocation subject to each resource's capacity (which may depend on
 * how many activities cross it), each activity's own rate cap, and each
 * activity's weight.
 *
 * How it stays cheap with many activities:
 *   - A resource crossed by a single activity cannot be shared, so it acts
 *     as a rate cap of that activity. Running activities that cross the same
 *     shared resources with the same weight and effective cap get the same
 *     rate in any max-min solution; they form one share group (see
 *     fluid-group.ts) whose rate changes in O(1), however large it is.
 *   - Changes made at one instant are solved together, once, over the
 *     groups connected to what changed; the rest keeps its rates.
 *   - One engine timer per model, set at the earliest completion of any
 *     group, found in a heap of groups.
 * When every activity has a different set of shared resources (for example
 * each worker runs several transfers at once over its own link), groups hold
 * one activity each and the cost becomes that of a plain progressive filling
 * over the connected component: exact, but linear in its size.
 */
import { Activity, type ActivityOptions } from './fluid-activity.ts';
import { ShareGroup } from './fluid-group.ts';
import { FluidResource, type CapacityFn } from './fluid-resource.ts';
import { fillRates } from './fluid-solver.ts';
import { IndexedHeap } from './indexed-heap.ts';
import type { Simulation } from './simulation.ts';

export { Activity, FluidResource, ShareGroup };
export type { ActivityOptions, CapacityFn };

/**
 * Activities whose projected finish lies within this many seconds of a
 * completion event complete with it, so that flows due at the same instant
 * do not each cost an event because of rounding (SimGrid's default too).
 */
const FINISH_TOLERANCE_SEC = 1e-9;

export class FluidModel {
  /** Number of group rate changes made by the solver (a cost measure). */
  rateUpdates = 0;
  /** Number of share groups the solver has visited, summed over solves (a cost measure). */
  groupsSolved = 0;
  /**
   * Share groups indexed by their limits (weight and cap), then by their
   * shared resources in id order: a walk of object-keyed maps, with no key
   * text to build for every activity that joins.
   */
  private readonly groupIndex = new Map<string, GroupIndexNode>();
  private readonly completions = new IndexedHeap<ShareGroup>();
  private dirtyResources: FluidResource[] = [];
  private dirtyGroups: ShareGroup[] = [];
  private regroup: Activity[] = [];
  private solvePending = false;
  private epoch = 0;
  private timerAtSec = Infinity;
  private timerGeneration = 0;
  private readonly solveFn = () => this.solve();
  private readonly timerFn = (generation: number) => this.onTimer(generation);
  private readonly joinFn = (a: Activity) => this.join(a);
  private componentEpoch = 0;
  private componentGroups: ShareGroup[] = [];
  private componentResources: FluidResource[] = [];

  constructor(readonly sim: Simulation) {}

  /** A resource of `capacityPerSec` work units per second (see `CapacityFn`). */
  resource(name: string, capacityPerSec: number, capacityAt?: CapacityFn): FluidResource {
    return new FluidResource(name, capacityPerSec, capacityAt);
  }

  /**
   * Starts an activity of `work` units over `resources`. The returned event
   * succeeds with `work` when the work is done. Zero work finishes after the
   * latency.
   */
  start(work: number, resources: readonly FluidResource[], options: ActivityOptions = {}): Activity {
    if (!(work >= 0) || !Number.isFinite(work)) {
      throw new RangeError(`activity work must be a finite number >= 0, got ${work}`);
    }
    const unique = hasDuplicates(resources) ? [...new Set(resources)] : resources;
    const activity = new Activity(this.sim, work, unique, options);
    const latencySec = options.latencySec ?? 0;
    if (latencySec > 0) this.sim.schedule(latencySec, this.joinFn, activity);
    else this.join(activity);
    return activity;
  }

  /** Stops an activity before it finishes; its event fails with `reason`. */
  cancel(activity: Activity, reason: unknown = new Error('cancelled')): void {
    if (activity.phase === 'done' || activity.phase === 'cancelled') return;
    if (activity.phase === 'running') this.leave(activity);
    activity.phase = 'cancelled';
    activity.fail(reason);
  }

  private join(a: Activity): void {
    if (a.phase !== 'latency') return;
    a.phase = 'running';
    if (a.work === 0 || (a.resources.length === 0 && a.rateCap === Infinity)) {
      a.detachedRemaining = 0;
      a.phase = 'done';
      a.succeed(a.work);
      return;
    }
    const resources = a.resources;
    for (let k = 0; k < resources.length; k++) {
      resources[k]!.addActivity(a, k);
      this.touchResource(resources[k]!);
    }
    this.queueRegroup(a);
  }

  /** Takes a running activity off its group and its resources. */
  private leave(a: Activity): void {
    const now = this.sim.now;
    const group = a.group;
    if (group !== null) {
      this.notePrivatePeaks(a, group);
      a.detachedRemaining = group.remove(a, now);
      this.touchGroup(group);
    }
    const resources = a.resources;
    for (let k = 0; k < resources.length; k++) {
      const r = resources[k]!;
      r.workDone += a.work - a.detachedRemaining;
      r.removeActivity(a, k);
      this.touchResource(r);
    }
  }

  private touchResource(r: FluidResource): void {
    this.dirtyResources.push(r);
    this.requestSolve();
  }

  private touchGroup(g: ShareGroup): void {
    this.dirtyGroups.push(g);
    this.requestSolve();
  }

  private queueRegroup(a: Activity): void {
    if (a.regroupPending) return;
    a.regroupPending = true;
    this.regroup.push(a);
  }

  private requestSolve(): void {
    if (this.solvePending) return;
    this.solvePending = true;
    this.sim.schedule(0, this.solveFn);
  }

  /**
   * Re-rates everything the changes of this instant can affect:
   * 1. note which resources became shared or private, and regroup their activities;
   * 2. collect the groups and shared resources connected to what changed;
   * 3. progressive filling over them;
   * 4. apply the new rates and reschedule completions.
   */
  private solve(): void {
    const now = this.sim.now;
    this.updateSharing();
    this.applyRegroups(now);
    const { groups, resources } = this.collectComponent();
    // Only now: regrouping touches groups, and those touches are solved here,
    // not by another (empty) solve.
    this.solvePending = false;
    fillRates(groups, resources);
    this.groupsSolved += groups.length;
    for (const g of groups) {
      if (g.size === 0) {
        this.dropGroup(g);
        continue;
      }
      if (g.newRate !== g.rate) {
        g.setRate(now, g.newRate);
        this.rateUpdates++;
      }
      this.reschedule(g);
    }
    // Every group of a solved resource is in the component and frozen, so
    // what filling left of its capacity is exactly what it does not use.
    for (const r of resources) {
      const capacity = r.currentCapacity();
      r.notePeak((capacity - r.residual) / capacity);
    }
    this.armTimer();
  }

  /** Step 1a: a resource that gained a second activity (or lost all but one) changes keys. */
  private updateSharing(): void {
    const epoch = ++this.epoch;
    for (const r of this.dirtyResources) {
      if (r.mark === epoch) continue;
      r.mark = epoch;
      const shared = r.activities.length >= 2;
      if (shared === r.keyedShared) continue;
      r.keyedShared = shared;
      for (const a of r.activities) this.queueRegroup(a);
    }
  }

  /** Step 1b: move each queued activity to the group its key now names. */
  private applyRegroups(now: number): void {
    const queued = this.regroup;
    this.regroup = [];
    for (const a of queued) {
      a.regroupPending = false;
      if (a.phase !== 'running') continue;
      const old = a.group;
      let remaining = a.detachedRemaining;
      if (old !== null) {
        this.notePrivatePeaks(a, old);
        remaining = old.remove(a, now);
        this.touchGroup(old);
      }
      const group = this.groupFor(a);
      group.add(a, remaining, now);
      this.touchGroup(group);
    }
  }

  private groupFor(a: Activity): ShareGroup {
    let cap = a.rateCap;
    const shared: FluidResource[] = [];
    for (const r of a.resources) {
      if (r.keyedShared) insertById(shared, r);
      else if (r.capacityWith(1) < cap) cap = r.capacityWith(1);
    }
    // Walk the index: limits, then each shared resource in id order.
    const limit = this.limitKey(a.weight, cap);
    let node: GroupIndexNode | undefined = this.groupIndex.get(limit);
    if (node === undefined) {
      node = { next: null, group: null };
      this.groupIndex.set(limit, node);
    }
    for (const r of shared) {
      let child: GroupIndexNode | undefined = node.next?.get(r);
      if (child === undefined) {
        child = { next: null, group: null };
        (node.next ??= new Map()).set(r, child);
      }
      node = child;
    }
    let group = node.group;
    if (group === null) {
      group = new ShareGroup(node, shared, a.weight, cap);
      node.group = group;
      shared.forEach((r, k) => r.addGroup(group!, k));
    }
    return group;
  }

  // Turning a weight and a cap into text is the dearest part of a group key,
  // and a model uses few distinct pairs: remember the last one.
  private lastWeight = NaN;
  private lastCap = NaN;
  private lastLimitKey = '';

  private limitKey(weight: number, cap: number): string {
    if (weight !== this.lastWeight || cap !== this.lastCap) {
      this.lastWeight = weight;
      this.lastCap = cap;
      this.lastLimitKey = `${weight}|${cap}`;
    }
    return this.lastLimitKey;
  }

  /** Step 2: groups and shared resources reachable from the changed ones. */
  private collectComponent(): { groups: ShareGroup[]; resources: FluidResource[] } {
    this.componentEpoch = ++this.epoch;
    const groups: ShareGroup[] = (this.componentGroups = []);
    const resources: FluidResource[] = (this.componentResources = []);
    for (const g of this.dirtyGroups) this.addToComponent(g);
    for (const r of this.dirtyResources) this.addResourceToComponent(r);
    this.dirtyGroups = [];
    this.dirtyResources = [];
    // Breadth-first over group -> shared resource -> group.
    let gi = 0;
    let ri = 0;
    while (gi < groups.length || ri < resources.length) {
      while (gi < groups.length) {
        for (const r of groups[gi++]!.shared) this.addResourceToComponent(r);
      }
      while (ri < resources.length) {
        for (const g of resources[ri++]!.groups) this.addToComponent(g);
      }
    }
    return { groups, resources };
  }

  private addToComponent(g: ShareGroup): void {
    if (g.mark === this.componentEpoch) return;
    g.mark = this.componentEpoch;
    this.componentGroups.push(g);
  }

  private addResourceToComponent(r: FluidResource): void {
    if (r.mark === this.componentEpoch || !r.keyedShared) return;
    r.mark = this.componentEpoch;
    this.componentResources.push(r);
  }

  private dropGroup(g: ShareGroup): void {
    g.slot.group = null;
    g.shared.forEach((r, k) => r.removeGroup(g, k));
    if (g.heapIndex >= 0) this.completions.remove(g);
  }

  /**
   * Puts a group's next completion in the heap of completions. A completion
   * that moved later keeps its earlier key: keys are lower bounds, and only
   * the top is made exact (`exactTop`) before it is used. When a shared
   * bottleneck slows every group crossing it at once, as each new flow of a
   * crowd does, this spares re-sorting them all.
   */
  private reschedule(g: ShareGroup): void {
    const at = g.nextFinishSec();
    if (at === Infinity) {
      if (g.heapIndex >= 0) this.completions.remove(g);
      g.heapKey = Infinity;
    } else if (g.heapIndex < 0 || at < g.heapKey) {
      this.completions.update(g, at);
    }
  }

  /** The group that finishes first, its key made exact; keys below it are exact already. */
  private exactTop(): ShareGroup | undefined {
    for (;;) {
      const g = this.completions.peek();
      if (g === undefined) return undefined;
      const at = g.nextFinishSec();
      if (at === g.heapKey) return g;
      if (at === Infinity) {
        this.completions.remove(g);
        g.heapKey = Infinity;
      } else {
        this.completions.update(g, at);
      }
    }
  }

  /** Keeps one engine timer at the earliest completion; a superseded one is ignored. */
  private armTimer(): void {
    const next = this.exactTop();
    if (next === undefined || next.heapKey >= this.timerAtSec) return;
    this.timerAtSec = next.heapKey;
    this.sim.schedule(Math.max(0, next.heapKey - this.sim.now), this.timerFn, ++this.timerGeneration);
  }

  private onTimer(generation: number): void {
    if (generation !== this.timerGeneration) return;
    this.timerAtSec = Infinity;
    const limit = this.sim.now + FINISH_TOLERANCE_SEC;
    for (let g = this.exactTop(); g !== undefined && g.heapKey <= limit; g = this.exactTop()) {
      while (g.size > 0 && g.nextFinishSec() <= limit) this.finish(g.popFirst(), g);
      this.touchGroup(g);
      this.reschedule(g);
    }
    this.armTimer();
  }

  private finish(a: Activity, group: ShareGroup): void {
    this.notePrivatePeaks(a, group);
    a.detachedRemaining = 0;
    const resources = a.resources;
    for (let k = 0; k < resources.length; k++) {
      const r = resources[k]!;
      r.workDone += a.work;
      r.removeActivity(a, k);
      this.touchResource(r);
    }
    a.phase = 'done';
    a.succeed(a.work);
  }

  /** The group's peak rate bounds the load of the activity's unshared resources. */
  private notePrivatePeaks(a: Activity, group: ShareGroup): void {
    if (group.shared.length === a.resources.length) return;
    for (const r of a.resources) {
      if (!r.keyedShared) r.notePeak(group.peakRate / r.capacityWith(1));
    }
  }
}

interface GroupIndexNode {
  next: Map<FluidResource, GroupIndexNode> | null;
  group: ShareGroup | null;
}

/** Inserts `r` into `list`, kept in id order (lists are a few resources long). */
function insertById(list: FluidResource[], r: FluidResource): void {
  let i = list.length;
  list.push(r);
  while (i > 0 && list[i - 1]!.id > r.id) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = r;
}

/** Whether a resource appears twice in a (short) list. */
function hasDuplicates(resources: readonly FluidResource[]): boolean {
  if (resources.length > 16) return new Set(resources).size !== resources.length;
  for (let i = 1; i < resources.length; i++) {
    for (let j = 0; j < i; j++) if (resources[i] === resources[j]) return true;
  }
  return false;
}
