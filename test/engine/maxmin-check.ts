/**
 * An independent check of a max-min fair allocation, from its definition:
 * no resource carries more than its capacity, no activity exceeds its cap,
 * and every activity below its cap crosses a full resource on which no
 * other activity gets more per unit of weight (its bottleneck).
 */
import type { Activity, FluidResource } from '../../sim/engine/fluid.ts';

const TOL = 1e-9;

/** Returns what is wrong with the current rates, or null when they are max-min fair. */
export function checkRates(resources: FluidResource[]): string | null {
  const active = new Set<Activity>();
  for (const r of resources) for (const a of r.activities) active.add(a);
  for (const r of resources) {
    let load = 0;
    for (const a of r.activities) load += a.rate;
    if (load > r.currentCapacity() * (1 + TOL)) {
      return `${r.name} carries ${load} > capacity ${r.currentCapacity()}`;
    }
  }
  for (const a of active) {
    if (a.rate > a.rateCap * (1 + TOL)) return `${a.label} at ${a.rate} exceeds its cap`;
    if (a.rate >= a.rateCap * (1 - TOL)) continue;
    const heldBy = a.resources.find((r) => {
      let load = 0;
      let bestLevel = 0;
      for (const b of r.activities) {
        load += b.rate;
        bestLevel = Math.max(bestLevel, b.rate / b.weight);
      }
      const full = load >= r.currentCapacity() * (1 - TOL);
      return full && a.rate / a.weight >= bestLevel * (1 - TOL);
    });
    if (!heldBy) return `${a.label} at ${a.rate} is held by no cap and no full resource`;
  }
  return null;
}

