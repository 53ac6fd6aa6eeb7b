/**
 * The identity of a sweep: a SHA-256 over everything that decides its
 * points' results. A results folder remembers it, so resuming a changed
 * sweep into the same folder (which would mix two experiments in one
 * table) is refused rather than done silently.
 */
import { createHash } from 'node:crypto';
import type { SweepPoint } from './point.ts';

export interface SweepIdentity {
  /** The scenario file's text (not its path: shards may run elsewhere). */
  scenarioText: string;
  /** Overrides applied to every point (`--set`). */
  baseSets: readonly string[];
  baseSeed: number;
  points: readonly SweepPoint[];
}

/** Hex SHA-256 identifying the sweep. */
export function sweepHash(identity: SweepIdentity): string {
  const canonical = JSON.stringify({
    format: 1,
    scenario: identity.scenarioText,
    sets: identity.baseSets,
    seed: identity.baseSeed,
    points: identity.points.map((p) => [p.sets, p.seed ?? null]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
