/**
 * Running a sandboxed command until it is ready, then killing it: the
 * launcher runs in its own process group, the sandbox's pid namespace dies
 * with its first process, and every path out (ready, exit, time limit,
 * error, Ctrl-C through `killNow`) ends with nothing left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { InputError } from '../../sim/errors.ts';
import { listensOn, type Readiness } from './readiness.ts';

export interface RunSpec {
  /** Full argv: the launcher (strace or bwrap) and its arguments. */
  argv: string[];
  ready: Readiness;
  timeoutSec: number;
  /** File fed to the command's standard input (HelloBench's stdin workloads). */
  stdinFile?: string;
  /** Called with the command's output as it comes (for --verbose). */
  onOutput?: (chunk: Buffer) => void;
  /** Called when the launcher has started, with a function that kills everything now. */
  onStart?: (killNow: () => void) => void;
}

export interface RunOutcome {
  /** Epoch seconds (microsecond resolution) at which readiness was seen. */
  readyEpochSec: number;
  /** Epoch seconds at which the launcher was started. */
  launchEpochSec: number;
  exitCode: number | null;
  /** The last 64 KiB of the command's output. */
  outputTail: string;
  /** The pid (host view) of the sandbox's first process, if bwrap reported it. */
  sandboxPid?: number;
  launcherPid?: number;
}

const POLL_MS = 10;
const TAIL_BYTES = 64 * 1024;

/** Epoch seconds with microsecond resolution. */
export function epochNowSec(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** Runs `spec.argv` until ready (or exit, error, time limit) and kills it. */
export async function runUntilReady(spec: RunSpec): Promise<RunOutcome> {
  const stdinFd = spec.stdinFile ? openSync(spec.stdinFile, 'r') : 'ignore';
  const launchEpochSec = epochNowSec();
  const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
    detached: true,
    stdio: [stdinFd, 'pipe', 'pipe', 'pipe'],
  });
  if (typeof stdinFd === 'number') closeSync(stdinFd);
  let sandboxPid: number | undefined;
  let tail = '';
  let readyEpochSec: number | undefined;
  const killNow = () => killAll(child, sandboxPid);
  spec.onStart?.(() => killImmediately(child, sandboxPid));

  const info = child.stdio[3] as NodeJS.ReadableStream | null;
  let infoText = '';
  info?.on('data', (chunk: Buffer) => {
    infoText += chunk.toString('utf8');
    const m = /"child-pid":\s*(\d+)/.exec(infoText);
    if (m) sandboxPid = Number(m[1]);
  });

  return new Promise<RunOutcome>((resolve, reject) => {
    let settled = false;
    let poller: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      finish(
        new InputError(
          `command not ready within ${spec.timeoutSec} s`,
          { key: '--timeout' },
          {
            expected: describe(spec.ready),
            found: tail.trim().split('\n').slice(-3).join(' | ') || 'no output',
          },
        ),
      );
    }, spec.timeoutSec * 1000);

    const markReady = () => {
      if (readyEpochSec !== undefined) return;
      readyEpochSec = epochNowSec();
      finish();
    };
    const onOutput = (chunk: Buffer) => {
      spec.onOutput?.(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
      if (spec.ready.kind === 'log' && tail.includes(spec.ready.text)) markReady();
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    if (spec.ready.kind === 'tcp') {
      const port = spec.ready.port;
      poller = setInterval(() => {
        if (sandboxPid !== undefined && listensOn(sandboxPid, port)) markReady();
      }, POLL_MS);
    }
    child.on('error', (error) =>
      finish(new InputError(`cannot start ${spec.argv[0]} (${error.message})`)),
    );
    child.on('exit', (code) => {
      if (spec.ready.kind === 'exit') {
        readyEpochSec ??= epochNowSec();
        finish(undefined, code);
        return;
      }
      if (readyEpochSec === undefined) {
        finish(
          new InputError(
            'command exited before it was ready',
            { key: '--ready' },
            {
              expected: describe(spec.ready),
              found: `exit status ${code}; last output: ${tail.trim().split('\n').slice(-3).join(' | ') || 'none'}`,
            },
          ),
        );
      }
    });

    function finish(error?: Error, code: number | null = null) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      killNow();
      const done = () => {
        if (error) reject(error);
        else
          resolve({
            readyEpochSec: readyEpochSec!,
            launchEpochSec,
            exitCode: code,
            outputTail: tail,
            sandboxPid,
            launcherPid: child.pid,
          });
      };
      if (child.exitCode !== null || child.signalCode !== null) done();
      else child.once('close', done);
    }
  });
}

/**
 * Kills the sandbox's first process (its pid namespace's init, so all of
 * them die) and lets the launcher exit by itself, so strace can flush its
 * output; the launcher's whole process group is killed if it lingers.
 */
function killAll(child: ChildProcess, sandboxPid: number | undefined): void {
  if (sandboxPid !== undefined) tryKill(sandboxPid);
  const group = child.pid;
  if (group === undefined) return;
  if (sandboxPid === undefined) {
    tryKill(-group);
    return;
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
  const grace = setTimeout(() => tryKill(-group), 2000);
  grace.unref();
  child.once('exit', () => clearTimeout(grace));
}

/** Kills everything at once, for an interrupted capture that must exit now. */
export function killImmediately(
  child: ChildProcess,
  sandboxPid: number | undefined,
): void {
  if (sandboxPid !== undefined) tryKill(sandboxPid);
  if (child.pid !== undefined) tryKill(-child.pid);
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function describe(ready: Readiness): string {
  if (ready.kind === 'exit') return 'the command to exit';
  return ready.kind === 'log'
    ? `output containing ${JSON.stringify(ready.text)}`
    : `a listener on TCP port ${ready.port}`;
}
