/**
 * The body of a sweep worker thread: imports the point runner named in
 * `workerData`, then runs each task the main thread posts and posts back
 * the metrics or the error. One point at a time, so the main thread's
 * queue decides the order and a crash loses at most one point per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunnerRef, WorkerReply } from './pool.ts';
import type { PointTask } from './point.ts';
import { serializeError } from './worker-error.ts';

type RunPoint = (context: unknown, task: PointTask) => Record<string, number>;

const ref = workerData as RunnerRef;
const module = (await import(ref.moduleUrl)) as Record<string, unknown>;
const run = module[ref.exportName] as RunPoint;
if (typeof run !== 'function') {
  throw new Error(`${ref.moduleUrl} has no function export ${ref.exportName}`);
}

parentPort!.on('message', (task: PointTask) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    const metrics = run(ref.context, task);
    reply = { id: task.id, metrics, wallSec: (performance.now() - started) / 1000 };
  } catch (error) {
    reply = { id: task.id, error: serializeError(error) };
  }
  parentPort!.postMessage(reply);
});
