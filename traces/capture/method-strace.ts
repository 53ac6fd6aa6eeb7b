/**
 * The strace method: the command runs in the sandbox under `strace -f`,
 * unprivileged, and its file system calls become file-level events.
 */
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { buildExt4, EXT4_BLOCK_BYTES } from './ext4-image.ts';
import { which } from './tools.ts';
import { join } from 'node:path';
import type { TraceEvent, TraceFile } from '../format.ts';
import { PathResolver } from './resolve-path.ts';
import { runUntilReady, type RunOutcome } from './run-until-ready.ts';
import { bwrapArgs } from './sandbox.ts';
import { straceToEvents, TRACED_SYSCALLS } from './strace-events.ts';
import type { MethodContext, MethodResult } from './method.ts';

/** Captures file-level events of one startup with strace. */
export async function captureWithStrace(ctx: MethodContext): Promise<MethodResult> {
  const log = join(ctx.workDir, 'strace.log');
  const argv = [
    // No --pidns-translation: it slows every call down about threefold.
    'strace',
    '-f',
    '-ttt',
    '-T',
    '-s',
    '0',
    '--seccomp-bpf',
    '-e',
    `trace=${TRACED_SYSCALLS.join(',')}`,
    '-o',
    log,
    'bwrap',
    ...bwrapArgs({ ...ctx.sandbox, root: ctx.root }, 3),
  ];
  // The block map of the image as pulled, so the trace can also drive a block-level model.
  const map =
    which('mkfs.ext4') && which('debugfs')
      ? buildExt4(ctx.root, ctx.workDir, ctx.files)
      : undefined;
  if (map) rmSync(map.imageFile);
  const outcome: RunOutcome = await runUntilReady({ ...ctx.run, argv });
  const lines = readFileSync(log, 'utf8').split('\n');
  const parsed = straceToEvents(lines, ctx.files, new PathResolver(ctx.root));
  const startSec = parsed.startEpochSec ?? outcome.launchEpochSec;
  // For `exit`, strace saw the exact moment; otherwise our own clock did.
  const readyEpochSec =
    ctx.run.ready.kind === 'exit' && parsed.exitEpochSec !== undefined
      ? parsed.exitEpochSec
      : outcome.readyEpochSec;
  const readySec = Math.max(0, readyEpochSec - startSec);
  const events: TraceEvent[] = parsed.events.filter((e) => e.timeSec <= readySec);
  const files: TraceFile[] = parsed.files.map((f) =>
    f.layer >= 0 ? f : { ...f, ...createdSize(ctx.root, f.path) },
  );
  const result: MethodResult = {
    events,
    files,
    readySec,
    exitCode: outcome.exitCode,
    outputTail: outcome.outputTail,
  };
  if (map)
    Object.assign(result, {
      extents: map.extents,
      blockBytes: EXT4_BLOCK_BYTES,
      deviceBytes: map.deviceBytes,
    });
  return result;
}

/** Size and kind of a file the program created, as it left it. */
function createdSize(root: string, path: string): Pick<TraceFile, 'sizeBytes' | 'kind'> {
  try {
    const info = lstatSync(join(root, path));
    const kind = info.isDirectory()
      ? 'dir'
      : info.isSymbolicLink()
        ? 'symlink'
        : info.isFile()
          ? 'file'
          : 'other';
    return { sizeBytes: info.isFile() ? info.size : 0, kind };
  } catch {
    return { sizeBytes: 0, kind: 'file' };
  }
}
