/**
 * Running sweep points on worker threads. Each worker takes the next task
 * when it finishes one, so long and short points balance themselves. The
 * main thread only hands out tasks and receives results, which keeps it
 * free to draw progress, store points and react to Ctrl-C.
 */
import { Worker } from 'node:worker_threads';
import type { PointTask } from './point.ts';
import { rebuildError, type SerializedError } from './worker-error.ts';

/**
 * Which function runs a point: `moduleUrl` exports `exportName`, a
 * `(context, task) => metrics` function; `context` must be structured-cloneable.
 */
export interface RunnerRef {
  moduleUrl: string;
  exportName: string;
  context: unknown;
}

export type WorkerReply =
  | { id: number; metrics: Record<string, number>; wallSec: number }
  | { id: number; error: SerializedError };

export interface PoolOptions {
  jobs: number;
  runner: RunnerRef;
  /** Called on the main thread as each point finishes, in finishing order. */
  onResult: (task: PointTask, metrics: Record<string, number>, wallSec: number) => void;
  /** Aborting terminates the workers; points already reported are kept. */
  signal?: AbortSignal;
}

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Runs `tasks` on `jobs` worker threads. Resolves when all are done;
 * rejects on the first failed point (or on abort) after stopping the others.
 */
export function runPool(
  tasks: readonly PointTask[],
  options: PoolOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...tasks];
    const workers = new Set<Worker>();
    const pending = new Map<Worker, PointTask>();
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(new Error('aborted'));
    if (options.signal?.aborted) return finish(new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort);

    const feed = (worker: Worker) => {
      const task = queue.shift();
      if (task) {
        pending.set(worker, task);
        worker.postMessage(task);
      } else {
        workers.delete(worker);
        void worker.terminate();
        if (workers.size === 0) finish();
      }
    };
    const count = Math.max(1, Math.min(options.jobs, tasks.length));
    if (tasks.length === 0) return finish();
    for (let i = 0; i < count; i++) {
      const worker = new Worker(BOOTSTRAP, { workerData: options.runner });
      workers.add(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        const task = pending.get(worker)!;
        pending.delete(worker);
        if ('error' in reply) {
          const which = `point ${task.id} (${describe(task)})`;
          return finish(rebuildError(reply.error, which));
        }
        try {
          options.onResult(task, reply.metrics, reply.wallSec);
        } catch (error) {
          return finish(error as Error);
        }
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled && workers.has(worker)) {
          const why = `a sweep worker exited (code ${code}) before finishing its points`;
          finish(new Error(why));
        }
      });
      feed(worker);
    }
  });
}

function describe(task: PointTask): string {
  return task.sets.length ? task.sets.join(' ') : 'no overrides';
}
