/** Running host tools (mkfs, losetup, mount) with errors that say which command failed. */
import { spawnSync } from 'node:child_process';

/** Runs `cmd args`, returns its standard output; throws with its error output on failure. */
export function runTool(cmd: string, args: string[], input?: string): string {
  const run = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 512 * 2 ** 20 });
  if (run.error) throw new Error(`${cmd} could not start: ${run.error.message}`);
  if (run.status !== 0) {
    const detail = (run.stderr || run.stdout || '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new Error(
      `${cmd} ${args.join(' ')} failed with status ${run.status}: ${detail}`,
    );
  }
  return run.stdout;
}
