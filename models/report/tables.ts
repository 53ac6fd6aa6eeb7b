/**
 * Result tables of a run: `containers.csv` rows from container records, with
 * times rounded to the microsecond so files compare byte for byte.
 */
import type { Cell } from '../../sim/output/csv.ts';
import type { ContainerRecord } from '../experiment.ts';

/** Parts of a phase, in the order they happen. */
export const PART_COLUMNS = [
  'compress', 'snapshot', 'download', 'gunzip_extract', 'file_metadata', 'register', 'shared_pull_wait',
  'create', 'mount', 'container_start', 'compute', 'lookup', 'read', 'write', 'copyup', 'stop',
] as const;

export const BYTE_COLUMNS = [
  'bytes_pushed', 'bytes_pulled', 'bytes_read', 'bytes_written', 'bytes_fetched', 'bytes_copied_up',
] as const;

export const CONTAINER_COLUMNS = [
  'container', 'worker', 'image', 'category', 'driver', 'cycle', 'run',
  'start_s', 'push_s', 'pull_s', 'run_s', 'total_s', 'ready_s',
  ...PART_COLUMNS.map((p) => `${p}_s`),
  ...BYTE_COLUMNS,
];

/** Seconds rounded to the microsecond. */
export function sec(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function containerRows(records: readonly ContainerRecord[]): Record<string, Cell>[] {
  return records.map((r) => {
    const row: Record<string, Cell> = {
      container: r.container,
      worker: r.worker,
      image: r.image,
      category: r.category,
      driver: r.driver,
      cycle: r.cycle,
      run: r.run,
      start_s: sec(r.startSec),
      push_s: sec(r.pushSec),
      pull_s: sec(r.pullSec),
      run_s: sec(r.runSec),
      total_s: sec(r.totalSec),
      ready_s: sec(r.readySec),
    };
    for (const part of PART_COLUMNS) row[`${part}_s`] = sec(r.parts[part] ?? 0);
    for (const bytes of BYTE_COLUMNS) row[bytes] = Math.round(r.bytes[bytes] ?? 0);
    return row;
  });
}
