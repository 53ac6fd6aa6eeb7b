/**
 * What every arrival pattern produces: one entry per container start.
 */

/** One container start. */
export interface Arrival {
  /** Simulated time of the start, in seconds from the run's beginning (finite, >= 0). */
  startSec: number;
  /** The workload image it runs; absent = the crowd's round robin over images picks one. */
  image?: string;
}

/** Starts in ascending time order (ties keep the source's order), plus import tallies. */
export interface ArrivalList {
  arrivals: Arrival[];
  /**
   * What the importer read and what it did with it, by name (e.g. `blob_gets`,
   * `put_requests`): reported with the run, never used to start containers.
   */
  counts: Record<string, number>;
}

/** Sorts `arrivals` by start time in place; the sort is stable. */
export function byStartTime(arrivals: Arrival[]): Arrival[] {
  return arrivals.sort((a, b) => a.startSec - b.startSec);
}
