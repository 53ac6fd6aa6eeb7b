/**
 * What a storage driver does for Docker, as the simulator sees it: push an
 * image from a worker to the registry, pull it onto a worker, and run a
 * container of it until it is ready. Each is a process that reports how long
 * its parts took and how many bytes it moved.
 *
 * The interface knows nothing of layers-as-tarballs or NFS, so the same shape
 * fits eager drivers (AUFS, overlayfs), lazy ones (Slacker, eStargz, Nydus,
 * overlaybd) and P2P distribution: each decides what push, pull and run mean.
 */
import type { ProcessBody } from '../../sim/engine/process.ts';
import type { Image } from '../image.ts';
import type { Testbed } from '../testbed/testbed.ts';
import type { Worker } from '../testbed/worker.ts';

export type Phase = 'push' | 'pull' | 'run';

/** Timing and volume of one phase of one container. */
export class PhaseReport {
  /** Seconds spent per part (parts may overlap, e.g. downloads and extraction). */
  readonly parts: Record<string, number> = {};
  /** Bytes per named flow (`bytes_pulled`, `bytes_read`, ...). */
  readonly bytes: Record<string, number> = {};
  seconds = 0;

  addTime(part: string, sec: number): void {
    this.parts[part] = (this.parts[part] ?? 0) + sec;
  }

  addBytes(what: string, bytes: number): void {
    this.bytes[what] = (this.bytes[what] ?? 0) + bytes;
  }
}

export interface StorageDriver {
  readonly name: string;
  readonly kind: string;
  /** Pushes `image` from `worker` (which holds it) to the registry. */
  push(testbed: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void>;
  /** Pulls `image` onto `worker` so that it can be run. */
  pull(testbed: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void>;
  /** Creates and starts a container of `image` on `worker`; returns when it is ready. */
  run(testbed: Testbed, worker: Worker, image: Image, report: PhaseReport): ProcessBody<void>;
  /** Makes `image` present on `worker` as if it had been built there (before a push). */
  seed(testbed: Testbed, worker: Worker, image: Image): void;
  /** Makes `image` available to pull, as if someone had pushed it earlier (untimed). */
  publish(testbed: Testbed, image: Image): void;
}

/** Times a step of a process body and adds it to `part` of `report`. */
export function* timed<T>(
  testbed: Testbed,
  report: PhaseReport,
  part: string,
  body: ProcessBody<T> | Generator<any, T, any>,
): ProcessBody<T> {
  const start = testbed.sim.now;
  const result = yield* body;
  report.addTime(part, testbed.sim.now - start);
  return result;
}
