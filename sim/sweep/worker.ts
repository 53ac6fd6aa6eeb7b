/**
 * The body of a sweep worker process: imports the point runner the main
 * process sends first, then runs each task it sends and sends back the
 * metrics or the error. One point at a time, so the main process's queue
 * decides the order and a crash loses at most one point per worker.
 */
import type { RunnerRef, WorkerMessage, WorkerReply } from './pool.ts';
import type { PointTask } from './point.ts';
import { serializeError } from './worker-error.ts';

type RunPoint = (context: unknown, task: PointTask) => Record<string, number>;

let runner: Promise<{ ref: RunnerRef; run: RunPoint }> | null = null;

async function load(ref: RunnerRef): Promise<{ ref: RunnerRef; run: RunPoint }> {
  const module = (await import(ref.moduleUrl)) as Record<string, unknown>;
  const run = module[ref.exportName] as RunPoint;
  if (typeof run !== 'function') {
    throw new Error(`${ref.moduleUrl} has no function export ${ref.exportName}`);
  }
  return { ref, run };
}

async function runTask(task: PointTask): Promise<WorkerReply> {
  const started = performance.now();
  try {
    const { ref, run } = await runner!;
    const metrics = run(ref.context, task);
    return { id: task.id, metrics, wallSec: (performance.now() - started) / 1000 };
  } catch (error) {
    return { id: task.id, error: serializeError(error) };
  }
}

process.on('message', (message: WorkerMessage) => {
  if ('runner' in message) {
    runner = load(message.runner);
    return;
  }
  void runTask(message.task).then((reply) => {
    // The main process may be gone meanwhile: then there is no one to tell.
    if (!process.connected) process.exit(0);
    process.send!(reply, undefined, undefined, (error) => {
      if (error) process.exit(0);
    });
  });
});
// Ctrl-C reaches the whole process group: the main process decides what
// stops, and kills its workers if it must.
process.on('SIGINT', () => {});
// The main process is gone or done: nothing more will come.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true } satisfies WorkerReply);
