/**
 * Max-min fair rates by progressive filling, over share groups.
 *
 * Raise one "fair level" for every unfrozen group at once; a group's rate is
 * its weight times the level. The level stops at the first constraint that
 * binds: a shared resource whose residual capacity, divided by the weight of
 * the unfrozen activities crossing it, is the smallest; or a group's cap
 * divided by its weight. The groups held by that constraint are frozen at
 * that rate, their use is taken off the residuals, and filling resumes until
 * every group is frozen. A group counts once per member everywhere, so the
 * cost depends on the number of groups, not of activities.
 */
import type { ShareGroup } from './fluid-group.ts';
import type { FluidResource } from './fluid-resource.ts';

/** Levels within this relative distance of the binding one bind together. */
const RELATIVE_EPSILON = 1e-12;

/**
 * Sets `newRate` on every group. `resources` must hold every shared resource
 * that any of the groups crosses (a connected component, or a union of them).
 */
export function fillRates(groups: readonly ShareGroup[], resources: readonly FluidResource[]): void {
  // 1. Every resource at full capacity (for its current number of activities).
  for (const r of resources) {
    r.residual = r.currentCapacity();
    r.unfrozenWeight = 0;
  }
  // A group that shares nothing is held by its own cap alone: freeze it now
  // rather than spend a round of filling on it.
  let unfrozen = groups.length;
  for (const g of groups) {
    if (g.shared.length === 0) {
      g.frozen = true;
      g.newRate = g.cap;
      unfrozen--;
      continue;
    }
    g.frozen = false;
    for (const r of g.shared) r.unfrozenWeight += g.size * g.weight;
  }

  // 2. Raise the level until a constraint binds; freeze what it holds; repeat.
  const justFrozen: ShareGroup[] = [];
  while (unfrozen > 0) {
    const level = bindingLevel(groups, resources);
    if (level === Infinity) {
      // Nothing binds: what is left runs at its caps (and is taken off the
      // residuals below like the rest, which the peaks rely on).
      for (const g of groups) if (!g.frozen) freeze(g, g.cap, justFrozen);
    } else {
      const threshold = level * (1 + RELATIVE_EPSILON);
      for (const g of groups) {
        if (!g.frozen && isHeld(g, threshold)) freeze(g, Math.min(g.cap, g.weight * level), justFrozen);
      }
    }
    unfrozen -= justFrozen.length;
    // Take the frozen use off the residuals only now, so one round sees one level.
    for (const g of justFrozen) {
      for (const r of g.shared) {
        r.residual -= g.size * g.newRate;
        r.unfrozenWeight -= g.size * g.weight;
      }
    }
    justFrozen.length = 0;
  }
}

function levelOf(r: FluidResource): number {
  return r.residual > 0 ? r.residual / r.unfrozenWeight : 0;
}

function bindingLevel(groups: readonly ShareGroup[], resources: readonly FluidResource[]): number {
  let level = Infinity;
  for (const r of resources) {
    if (r.unfrozenWeight > 0) level = Math.min(level, levelOf(r));
  }
  for (const g of groups) {
    if (!g.frozen) level = Math.min(level, g.cap / g.weight);
  }
  return level;
}

function isHeld(g: ShareGroup, threshold: number): boolean {
  if (g.cap / g.weight <= threshold) return true;
  for (const r of g.shared) {
    if (r.unfrozenWeight > 0 && levelOf(r) <= threshold) return true;
  }
  return false;
}

function freeze(g: ShareGroup, rate: number, justFrozen: ShareGroup[]): void {
  g.frozen = true;
  g.newRate = rate;
  justFrozen.push(g);
}
