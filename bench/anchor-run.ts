/**
 * Runs the anchor benchmarks (the same PHOLD and flash crowd for SimGrid,
 * SimPy and a plain JavaScript simulator) through their own `run.sh`, so
 * that `npm run bench -- --anchors DIR` measures them in the same run as
 * ours, on the same machine in the same state. The engines that cannot run
 * here are left out and named: SimGrid needs `libsimgrid-dev` and g++,
 * SimPy needs Debian's `python3-simpy`; the plain JavaScript one needs only
 * Node.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnchorFigures } from './anchors.ts';

export type AnchorEngine = 'simgrid' | 'simpy' | 'js-naive';

/** Wall seconds per case key (`phold:1000`, `flash-crowd:10000`), as far as measured. */
export type MeasuredAnchors = Record<string, Partial<AnchorFigures>>;

const FIELD: Record<AnchorEngine, keyof AnchorFigures> = {
  simgrid: 'simgridWallSec',
  simpy: 'simpyWallSec',
  'js-naive': 'plainJsWallSec',
};

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** The anchor engines this machine can run, and why the others cannot. */
export function availableEngines(): { engines: AnchorEngine[]; missing: string[] } {
  const engines: AnchorEngine[] = [];
  const missing: string[] = [];
  if (succeeds('pkg-config', ['--exists', 'simgrid']) && succeeds('g++', ['--version'])) {
    engines.push('simgrid');
  } else missing.push('SimGrid (apt-get install libsimgrid-dev g++)');
  if (['python3', '/usr/bin/python3'].some((py) => succeeds(py, ['-c', 'import SimPy']))) {
    engines.push('simpy');
  } else missing.push('SimPy (apt-get install python3-simpy)');
  engines.push('js-naive');
  return { engines, missing };
}

/**
 * Runs `run.sh` in `dir` for PHOLD (1,000 LPs) and the flash crowd at 100,
 * 1,000 and 10,000 workers, `reps` times each, and returns the median wall
 * seconds it prints. Its own logs go to stderr.
 */
export function runAnchors(dir: string, reps: number, engines: readonly AnchorEngine[]): MeasuredAnchors {
  const script = join(dir, 'run.sh');
  const scratch = mkdtempSync(join(tmpdir(), 'slacker-sim-anchors-'));
  try {
    const out = execFileSync('bash', [script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        REPS: String(reps),
        ENGINES: engines.join(' '),
        BENCHES: 'phold flash',
        FLASH_SIZES: '100 1000 10000',
        BUILD_DIR: join(scratch, 'build'),
        OUT_DIR: join(scratch, 'out'),
      },
    });
    return parseAnchorLines(out);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Reads run.sh's lines: `engine bench size sim_result wall_s events_per_s rss_mb`. */
export function parseAnchorLines(text: string): MeasuredAnchors {
  const figures: MeasuredAnchors = {};
  for (const line of text.split('\n')) {
    const [engine, bench, size, , wall] = line.trim().split(/\s+/);
    if (!engine || !(engine in FIELD) || (bench !== 'phold' && bench !== 'flash')) continue;
    const wallSec = Number(wall);
    if (!Number.isFinite(wallSec)) continue;
    const key = `${bench === 'phold' ? 'phold' : 'flash-crowd'}:${size}`;
    (figures[key] ??= {})[FIELD[engine as AnchorEngine]] = wallSec;
  }
  return figures;
}
