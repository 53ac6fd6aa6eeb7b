/**
 * What the root-only methods share: the image on a loop-mounted ext4 file
 * system, a private tracefs instance recording `event` plus program execs,
 * caches dropped, then one sandboxed run until ready. Event times are
 * returned relative to the command's start: its exec as the kernel saw it,
 * or its first traced event if that came earlier (exec reads the program
 * before the exec tracepoints fire).
 */
import { basename } from 'node:path';
import type { TraceEvent } from '../format.ts';
import { EXT4_BLOCK_BYTES, mountAsExt4, type MountedImage } from './ext4-image.ts';
import type { MethodContext, MethodResult } from './method.ts';
import { epochNowSec, runUntilReady, type RunOutcome } from './run-until-ready.ts';
import { bwrapArgs } from './sandbox.ts';
import { dropCaches, monoNowSec, TraceInstance } from './tracefs.ts';

export interface KernelRun {
  mounted: MountedImage;
  outcome: RunOutcome;
  /** Trace lines of the requested events, with times in seconds since the command started. */
  events: Array<{ timeSec: number; name: string; text: string }>;
  readySec: number;
}

const LINE = /^\s*(.+?)-(\d+)\s+\[\d+\]\s+\S+\s+(\d+\.\d+): (\w+): (.*)$/;

/**
 * Runs the capture's command on the ext4 image while tracing `tracepoints`
 * (`group/name`, each with `filter`). The first event marks the command's
 * activity (it can set the start); later ones only accompany it.
 */
export async function runOnExt4(
  ctx: MethodContext,
  tracepoints: string[],
  filter: (m: MountedImage) => string,
): Promise<KernelRun> {
  const mounted = mountAsExt4(ctx.root, ctx.workDir, ctx.files, ctx.onCleanup);
  const trace = new TraceInstance(
    `slacker-${process.pid}-${basename(ctx.workDir)}`,
    ctx.onCleanup,
  );
  for (const event of tracepoints) trace.enable(event, filter(mounted));
  // sched_prepare_exec (Linux 6.10+) fires before exec reads the program; the older
  // sched_process_exec only after, which would place those reads before the start.
  const execEvent = trace.has('sched/sched_prepare_exec')
    ? 'sched_prepare_exec'
    : 'sched_process_exec';
  trace.enable(`sched/${execEvent}`);
  dropCaches();
  const launchMono = monoNowSec();
  trace.start();
  const argv = ['bwrap', ...bwrapArgs({ ...ctx.sandbox, root: mounted.mountPoint }, 3)];
  let outcome: RunOutcome;
  try {
    outcome = await runUntilReady({ ...ctx.run, argv });
  } finally {
    trace.stop();
  }
  const monoMinusEpoch = monoNowSec() - epochNowSec();

  const names = tracepoints.map((e) => e.split('/')[1]!);
  const program = ctx.sandbox.command[0]!;
  // bwrap's own processes set the sandbox up; everything else after launch is the command's.
  const setupPids = new Set([outcome.launcherPid, outcome.sandboxPid]);
  let startMono: number | undefined;
  const raw: Array<{ mono: number; name: string; text: string }> = [];
  for (const line of trace.lines()) {
    const m = LINE.exec(line);
    if (!m) continue;
    const mono = Number(m[3]);
    if (mono < launchMono) continue;
    if (names.indexOf(m[4]!) > 0) {
      // Completions run wherever the interrupt lands, so their pid says nothing.
      raw.push({ mono, name: m[4]!, text: m[5]! });
      continue;
    }
    if (setupPids.has(Number(m[2]))) continue;
    if (m[4] === execEvent) {
      const file = /filename=(\S+)/.exec(m[5]!)?.[1] ?? '';
      const isCommand = file === program || file.endsWith(`/${basename(program)}`);
      if (isCommand) startMono = Math.min(startMono ?? mono, mono);
      continue;
    }
    if (m[4] !== names[0]) continue;
    // Exec reads the program (a script's first page) before the exec tracepoints fire.
    startMono = Math.min(startMono ?? mono, mono);
    raw.push({ mono, name: m[4]!, text: m[5]! });
  }
  const start = startMono ?? launchMono;
  const readySec = Math.max(0, outcome.readyEpochSec + monoMinusEpoch - start);
  const events = raw
    .map((r) => ({ timeSec: r.mono - start, name: r.name, text: r.text }))
    .filter((e) => e.timeSec >= 0 && e.timeSec <= readySec + 1);
  return { mounted, outcome, events, readySec };
}

/** A root method's result: its events, with the image's block map and the run's outcome. */
export function kernelResult(ctx: MethodContext, run: KernelRun, events: TraceEvent[]): MethodResult {
  return {
    events,
    files: ctx.files,
    extents: run.mounted.extents,
    blockBytes: EXT4_BLOCK_BYTES,
    deviceBytes: run.mounted.deviceBytes,
    readySec: run.readySec,
    exitCode: run.outcome.exitCode,
    outputTail: run.outcome.outputTail,
  };
}
