/**
 * Capturing a trace of one container startup. The steps:
 * 1. check that the method can run here, and say why not;
 * 2. unpack the image into a scratch folder;
 * 3. run the command in the sandbox with the method's tracer until ready;
 * 4. assemble the trace;
 * 5. always undo everything: processes, mounts, loop devices, scratch files,
 *    also on errors and on Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../sim/errors.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace, type TraceFile } from '../format.ts';
import { unpackImage } from '../unpack/unpack-image.ts';
import type { MethodContext, MethodResult } from './method.ts';
import { captureWithStrace } from './method-strace.ts';
import { formatReadiness, type Readiness } from './readiness.ts';
import { toolVersions, unavailableBecause, type Method } from './tools.ts';

export interface CaptureOptions {
  image: string;
  method: Method;
  command: string[];
  ready: Readiness;
  /** Name recorded in the trace (default: the image's own name). */
  name?: string;
  timeoutSec: number;
  network: boolean;
  env: Record<string, string>;
  uid: number;
  gid: number;
  workdir: string;
  stdinFile?: string;
  /** Where scratch folders go (default: the system's temporary folder). */
  scratchDir?: string;
  notes?: Record<string, string>;
  onOutput?: (chunk: Buffer) => void;
}

export interface CaptureResult {
  trace: Trace;
  /** Entries of the image that were neutralised while unpacking. */
  warnings: string[];
}

type MethodFn = (ctx: MethodContext) => Promise<MethodResult>;

/** Loaded lazily so the strace method does not need the root-only modules. */
async function methodFor(method: Method): Promise<MethodFn> {
  if (method === 'strace') return captureWithStrace;
  if (method === 'block')
    return (await import('./method-block.ts')).captureWithBlockTrace;
  return (await import('./method-pagecache.ts')).captureWithPageCache;
}

/** Captures one startup of `options.command` in `options.image`. */
export async function captureTrace(options: CaptureOptions): Promise<CaptureResult> {
  // 1. Can this method run here?
  const why = unavailableBecause(options.method);
  if (why !== undefined) {
    throw new InputError(`method ${options.method} is unavailable: ${why}`, {
      key: '--method',
    });
  }
  if (options.command.length === 0) {
    throw new InputError(
      'no command given',
      { key: 'command line' },
      { expected: '-- CMD [ARGS...]', found: 'nothing' },
    );
  }
  const run = await methodFor(options.method);

  const workDir = mkdtempSync(join(options.scratchDir ?? tmpdir(), 'slacker-capture-'));
  const undo: Array<() => void> = [];
  let killNow: (() => void) | undefined;
  const cleanup = () => {
    killNow?.();
    while (undo.length > 0) {
      try {
        undo.pop()!();
      } catch {
        // keep undoing the rest
      }
    }
    // Threadpool writes of an interrupted unpack may still land while this runs: retry.
    try {
      rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch (error) {
      process.stderr.write(`sim: could not remove ${workDir}: ${(error as Error).message}\n`);
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.stderr.write(`sim: capture interrupted by ${signal}; cleaned up\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // 2. Unpack.
    const root = join(workDir, 'root');
    const image = await unpackImage(options.image, root, { scratchDir: workDir });
    const files: TraceFile[] = image.files.map((f) => ({ ...f }));

    // 3. Run.
    const result = await run({
      root,
      workDir,
      files,
      sandbox: {
        command: options.command,
        env: options.env,
        network: options.network,
        uid: options.uid,
        gid: options.gid,
        workdir: options.workdir,
      },
      run: {
        ready: options.ready,
        timeoutSec: options.timeoutSec,
        stdinFile: options.stdinFile,
        onOutput: options.onOutput,
        onStart: (kill) => (killNow = kill),
      },
      onCleanup: (step) => undo.push(step),
    });

    // 4. Assemble.
    const notes: Record<string, string> = { ...options.notes, source: image.source };
    if (result.exitCode !== null) notes.exitCode = String(result.exitCode);
    if (image.warnings.length > 0) notes.unpackWarnings = String(image.warnings.length);
    const trace: Trace = {
      header: {
        format: TRACE_FORMAT,
        version: TRACE_VERSION,
        image: options.name ?? image.name,
        method: options.method,
        tools: toolVersions(options.method),
        command: options.command,
        ready: formatReadiness(options.ready),
        readySec: round6(result.readySec),
        notes,
      },
      layers: image.layers.map((l) => ({
        digest: l.digest,
        compressedBytes: l.compressedBytes,
        uncompressedBytes: l.uncompressedBytes,
      })),
      files: result.files,
      extents: result.extents ?? [],
      events: result.events,
    };
    if (result.blockBytes !== undefined) trace.header.blockBytes = result.blockBytes;
    if (result.deviceBytes !== undefined) trace.header.deviceBytes = result.deviceBytes;
    return { trace, warnings: image.warnings };
  } finally {
    // 5. Undo.
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}

function round6(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}
