/** One point of a sweep: its id, its parameter values and how to run it. */
export interface SweepPoint {
  /** Index in the sweep's deterministic enumeration; stable across runs. */
  id: number;
  /** Swept key path -> value, in parameter order. */
  params: Record<string, unknown>;
  /** The overrides, as `key.path=value` texts for the scenario loader. */
  sets: string[];
  /** The seed to run with; undefined when the point sets `seed` itself. */
  seed?: number;
}

/** What a worker is asked to run: the point without its display values. */
export interface PointTask {
  id: number;
  sets: string[];
  seed?: number;
}

/** A finished point as stored in `points/NNNNN.json`. */
export interface PointRecord {
  point: number;
  hash: string;
  params: Record<string, unknown>;
  sets: string[];
  seed: number | null;
  /** Flattened numeric results, e.g. `speedup.deployment`. */
  metrics: Record<string, number>;
  /** Wall time of the run; informative only, never in the tables. */
  wall_s: number;
}
