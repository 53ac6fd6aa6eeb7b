/**
 * Running sweep points in worker processes. Each worker takes the next task
 * when it finishes one, so long and short points balance themselves. The
 * main process only hands out tasks and receives results, which keeps it
 * free to draw progress, store points and react to Ctrl-C.
 *
 * Processes rather than threads: on 2 cores, 32 small crowd points ran
 * 1.47 times faster on two worker threads than on one, and 1.6 to 1.75
 * times on two worker processes (threads of one process share its
 * garbage-collection helpers and module loader). A process costs a little
 * more to start, once per worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PointTask } from './point.ts';
import { SimulationError } from '../errors.ts';
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

/** What the main process sends a worker: first its runner, then tasks. */
export type WorkerMessage = { runner: RunnerRef } | { task: PointTask };

export type WorkerReply =
  | { ready: true }
  | { id: number; metrics: Record<string, number>; wallSec: number }
  | { id: number; error: SerializedError };

export interface PoolOptions {
  jobs: number;
  runner: RunnerRef;
  /** Called in the main process as each point finishes, in finishing order. */
  onResult: (task: PointTask, metrics: Record<string, number>, wallSec: number) => void;
  /** Aborting terminates the workers; points already reported are kept. */
  signal?: AbortSignal;
}

const BOOTSTRAP = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));

/**
 * Node options a worker takes from the main process: memory, stack and
 * garbage-collection settings, which shape how a point runs. Not the rest
 * (`-e`, `--import` of a loader, a test runner...): the bootstrap is the
 * worker's whole program and registers its own loader.
 */
const INHERITED_OPTION = /^--(max-old-space-size|max-semi-space-size|stack-size|single-threaded-gc|expose-gc|enable-source-maps|no-warnings)(=|$)/;

function workerExecArgv(): string[] {
  return process.execArgv.filter((arg) => INHERITED_OPTION.test(arg));
}

/**
 * Runs `tasks` on `jobs` worker processes. Resolves when all are done;
 * rejects on the first failed point (or on abort) after stopping the others.
 */
export function runPool(
  tasks: readonly PointTask[],
  options: PoolOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...tasks];
    const workers = new Set<ChildProcess>();
    const pending = new Map<ChildProcess, PointTask>();
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) w.kill();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(new Error('aborted'));
    if (options.signal?.aborted) return finish(new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort);

    const feed = (worker: ChildProcess) => {
      const task = queue.shift();
      if (task) {
        pending.set(worker, task);
        worker.send({ task } satisfies WorkerMessage);
      } else {
        workers.delete(worker);
        worker.disconnect();
        if (workers.size === 0) finish();
      }
    };
    const count = Math.max(1, Math.min(options.jobs, tasks.length));
    if (tasks.length === 0) return finish();
    for (let i = 0; i < count; i++) {
      const worker = fork(BOOTSTRAP, [], {
        execArgv: workerExecArgv(),
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.add(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if ('ready' in reply) {
          // Listening now (a message sent earlier could have been lost).
          worker.send({ runner: options.runner } satisfies WorkerMessage);
          return feed(worker);
        }
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
      worker.on('exit', (code, signal) => {
        if (settled || !workers.has(worker)) return;
        const how = signal ? `signal ${signal}` : `code ${code}`;
        const task = pending.get(worker);
        const which = task ? `point ${task.id} (${describe(task)})` : 'a sweep worker';
        finish(new SimulationError(
          `${which}: its worker process ended (${how}) before reporting; the points done ` +
            'are kept. A worker that runs out of memory ends so: give it more with ' +
            'NODE_OPTIONS=--max-old-space-size=MB',
        ));
      });
    }
  });
}

function describe(task: PointTask): string {
  return task.sets.length ? task.sets.join(' ') : 'no overrides';
}
