/**
 * Running `sim` in tests: in this process through `main`, capturing what it
 * prints, or as a real child process when the exit status itself matters.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../sim/cli/main.ts';

export interface SimOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sim ...args` in process. Tests that use it must be serial (it swaps stdout). */
export async function sim(...args: string[]): Promise<SimOutput> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = ((chunk: string) =>
    out.push(String(chunk)) > 0) as typeof stdoutWrite;
  process.stderr.write = ((chunk: string) =>
    err.push(String(chunk)) > 0) as typeof stderrWrite;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

/** Runs `sim ...args` as `node --import=tsx sim/cli/main.ts`, a process of its own. */
export function simProcess(...args: string[]): SimOutput {
  const root = new URL('../../', import.meta.url);
  const child = spawnSync(
    process.execPath,
    ['--import=tsx', 'sim/cli/main.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder under the system's temporary folder, removed when the tests end. */
export function freshDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sim-cli-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Every file in `dir` with its bytes, by name. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort())
    files.set(name, readFileSync(join(dir, name)));
  return files;
}
