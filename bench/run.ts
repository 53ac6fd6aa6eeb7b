/**
 * The benchmark suite:
 * `npm run bench [-- --json] [--only NAME] [--reps N] [--anchors DIR] [--readme] [--from FILE]`.
 *
 * Each case runs in its own Node process so that its peak resident memory is
 * its own. Wall time covers model construction and simulation, as in the
 * anchors. Results are checked against the anchors' simulated figures; a
 * mismatch makes the run exit non-zero. Benchmarks are not tests: nothing in
 * CI looks at the times. `--readme` rewrites the README's performance
 * section from the results (or from the JSON lines in `--from FILE`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { availableEngines, runAnchors, type MeasuredAnchors } from './anchor-run.ts';
import { anchorKey, anchorsFor } from './anchors.ts';
import type { CaseResult } from './case-result.ts';
import { loadAverage, readResults, renderSection, writeReadmeSection } from './readme.ts';

type CaseOutcome = { events: number; result: string; check: CaseResult['check'] };
type CaseRun = () => CaseOutcome | Promise<CaseOutcome>;

interface Case {
  name: string;
  size: number;
  /**
   * Imports what the case needs and returns the run to time, which returns
   * its event count, result text and check. Loading happens before the clock
   * starts and brings in only the case's own modules, as each anchor program
   * loads only its own code: a process that also holds the whole model code
   * ran PHOLD about 15% slower here.
   */
  load(): Promise<CaseRun>;
}

/** Points of the sweep cases (checked against the plan when they run). */
const SWEEP_POINTS = 32;

/** Heap limit of a case's process: the memory target of the model crowds. */
const CHILD_HEAP_MB = 4096;

const PHOLD_EVENTS = 1_999_015;
const PHOLD_FINGERPRINT = 999_559_609;
const FLASH_RELATIVE_TOLERANCE = 1e-6;

function pholdCase(name: string, api: 'callbacks' | 'processes'): Case {
  return {
    name,
    size: 1000,
    async load() {
      const { PHOLD_ANCHOR, pholdCallbacks, pholdProcesses } = await import('./phold.ts');
      if (PHOLD_ANCHOR.lps !== this.size) throw new Error('the PHOLD case size is not the anchor\'s');
      const fn = api === 'callbacks' ? pholdCallbacks : pholdProcesses;
      return () => {
        const r = fn(PHOLD_ANCHOR);
        const ok = r.events === PHOLD_EVENTS && r.fingerprint === PHOLD_FINGERPRINT;
        return {
          events: r.events,
          result: `events:${r.events},fingerprint:${r.fingerprint}`,
          check: ok ? 'ok' : 'mismatch',
        };
      };
    },
  };
}

function flashCase(workers: number): Case {
  return {
    name: 'flash-crowd',
    size: workers,
    async load() {
      const { FLASH_ANCHOR_RESULTS, readStarts, runFlashCrowd, uniformStarts } = await import(
        './flash-crowd.ts'
      );
      return () => {
        const dataUrl = new URL(`data/flash-starts-${workers}.csv`, import.meta.url);
        const starts =
          workers in FLASH_ANCHOR_RESULTS
            ? readStarts(fileURLToPath(dataUrl))
            : uniformStarts(workers, 100);
        const r = runFlashCrowd(starts);
        const expected = FLASH_ANCHOR_RESULTS[workers];
        const close = (a: number, b: number) =>
          Math.abs(a - b) <= FLASH_RELATIVE_TOLERANCE * Math.abs(b);
        let check: CaseResult['check'] = 'unchecked';
        if (expected) {
          const ok =
            close(r.lastFinishSec, expected.lastFinishSec) &&
            close(r.meanDownloadSec, expected.meanDownloadSec);
          check = ok ? 'ok' : 'mismatch';
        }
        return {
          events: r.flowEvents,
          result: `last:${r.lastFinishSec.toFixed(6)},mean_fct:${r.meanDownloadSec.toFixed(6)}`,
          check,
        };
      };
    },
  };
}

type ModelRuns = typeof import('./model-runs.ts');

/** A model run whose figures are printed but not checked against anything. */
function modelCase(
  name: string,
  size: number,
  run: (m: ModelRuns) => Promise<{ events: number; result: string }> | { events: number; result: string },
): Case {
  return {
    name,
    size,
    async load() {
      const m = await import('./model-runs.ts');
      if (m.SWEEP_POINTS !== SWEEP_POINTS) throw new Error('SWEEP_POINTS differs from the sweep plan\'s');
      return async () => ({ ...(await run(m)), check: 'unchecked' as const });
    },
  };
}

const CASES: Case[] = [
  pholdCase('phold-callbacks', 'callbacks'),
  pholdCase('phold-processes', 'processes'),
  flashCase(100),
  flashCase(1000),
  flashCase(10000),
  flashCase(100000),
  modelCase('hellobench', 57, (m) => m.runHelloBench()),
  ...[1000, 10000].flatMap((workers) =>
    ['aufs', 'slacker'].map((kind) =>
      modelCase(`crowd-${kind}`, workers, (m) => m.runModelCrowd(kind, workers)),
    ),
  ),
  modelCase('sweep-jobs1', SWEEP_POINTS, (m) => m.runSweepBench(1)),
  modelCase('sweep-jobs2', SWEEP_POINTS, (m) => m.runSweepBench(2)),
];

const caseId = (c: { name: string; size: number }) => `${c.name}:${c.size}`;

async function runInThisProcess(id: string): Promise<CaseResult> {
  const c = CASES.find((k) => caseId(k) === id);
  if (!c) throw new Error(`unknown case ${id}`);
  const run = await c.load();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { events, result, check } = await run();
  const wallSec = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  return {
    name: c.name,
    size: c.size,
    events,
    wall_s: Number(wallSec.toFixed(4)),
    cpu_s: Number(cpuSec.toFixed(4)),
    events_per_s: Math.round(events / wallSec),
    peak_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    result,
    check,
    load_1m: Number(loadAverage().toFixed(2)),
  };
}

/** Runs one case in a fresh Node process; a crash (e.g. out of memory) becomes a row. */
function runInChild(id: string): CaseResult {
  const script = fileURLToPath(import.meta.url);
  try {
    const out = execFileSync(
      process.execPath,
      [`--max-old-space-size=${CHILD_HEAP_MB}`, ...process.execArgv, script, '--child', id],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 20 },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as CaseResult;
  } catch {
    const [name, size] = id.split(':');
    return { name: name!, size: Number(size), events: 0, wall_s: NaN, cpu_s: NaN, events_per_s: 0,
      peak_rss_mb: NaN, result: '', check: 'crashed', load_1m: Number(loadAverage().toFixed(2)) };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs every case `reps` times, one round of all cases after another (as the
 * anchors' run.sh does), so that a machine whose speed drifts slows every
 * case alike instead of one case's every run; reports per case the median
 * run by wall time (that run itself, so RSS and checks match it).
 */
function measure(ids: readonly string[], reps: number, onRound: (round: number) => void): CaseResult[] {
  const runs = new Map<string, CaseResult[]>(ids.map((id) => [id, []]));
  for (let round = 1; round <= reps; round++) {
    for (const id of ids) runs.get(id)!.push(runInChild(id));
    onRound(round);
  }
  return ids.map((id) => {
    const done = runs.get(id)!;
    const mid = median(done.map((r) => r.wall_s));
    return { ...(done.find((r) => r.wall_s === mid) ?? done[0]!), reps };
  });
}

function printTable(results: CaseResult[]): void {
  const table = new Table({
    head: ['case', 'size', 'events', 'wall s', 'cpu s', 'events/s', 'peak RSS MiB', 'result',
      'check', 'SimGrid s', 'SimPy s', 'plain JS s'],
    style: { head: [], border: [] },
  });
  for (const r of results) {
    const anchor = anchorsFor(r);
    table.push([r.name, r.size, r.events, r.wall_s, r.cpu_s, r.events_per_s, r.peak_rss_mb,
      r.result, r.check, anchor?.simgridWallSec ?? '-', anchor?.simpyWallSec ?? '-',
      anchor?.plainJsWallSec ?? '-']);
  }
  console.log(table.toString());
}

interface Options {
  json: boolean;
  only: string | null;
  reps: number;
  child: string | null;
  readme: boolean;
  from: string | null;
  anchors: string | null;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    json: false, only: null, reps: 1, child: null, readme: false, from: null, anchors: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--only') opts.only = argv[++i] ?? null;
    else if (arg === '--reps') opts.reps = Number(argv[++i]);
    else if (arg === '--child') opts.child = argv[++i] ?? null;
    else if (arg === '--readme') opts.readme = true;
    else if (arg === '--from') opts.from = argv[++i] ?? null;
    else if (arg === '--anchors') opts.anchors = argv[++i] ?? null;
    else {
      throw new UsageError(`unknown argument ${arg} (expected --json, --only NAME, --reps N, ` +
        '--anchors DIR, --readme, --from FILE)');
    }
  }
  if (!Number.isInteger(opts.reps) || opts.reps < 1) {
    throw new UsageError(`--reps expects a positive integer, found ${JSON.stringify(argv[argv.indexOf('--reps') + 1] ?? '')}`);
  }
  for (const [flag, value] of [['--only', opts.only], ['--from', opts.from], ['--anchors', opts.anchors], ['--child', opts.child]] as const) {
    if (argv.includes(flag) && value === null) throw new UsageError(`${flag} expects a value`);
  }
  if (opts.anchors !== null && !existsSync(join(opts.anchors, 'run.sh'))) {
    throw new UsageError(`--anchors ${opts.anchors}: expected the anchors' folder, with its run.sh; found no run.sh there`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) {
    console.log(JSON.stringify(await runInThisProcess(opts.child)));
    return;
  }
  if (opts.from !== null) {
    const saved = readResults(opts.from);
    if (!opts.json) printTable(saved);
    if (opts.readme) writeReadme(saved, saved[0]?.load_1m ?? NaN);
    return;
  }
  const loadBefore = loadAverage();
  const chosen = CASES.filter(
    (c) => opts.only === null || c.name === opts.only || caseId(c) === opts.only,
  );
  if (chosen.length === 0) {
    throw new UsageError(`--only ${opts.only}: no case has that name; cases: ${CASES.map(caseId).join(', ')}`);
  }
  let anchors: MeasuredAnchors | null = null;
  if (opts.anchors !== null) {
    const { engines, missing } = availableEngines();
    for (const m of missing) console.error(`bench: anchors: leaving out ${m}`);
    anchors = runAnchors(opts.anchors, opts.reps, engines);
  }
  const results = measure(chosen.map(caseId), opts.reps, (round) => {
    if (opts.reps > 1) console.error(`bench: round ${round} of ${opts.reps} done`);
  }).map((r) => {
    const measured = anchors?.[anchorKey(r)];
    return measured ? { ...r, anchors: measured } : r;
  });
  if (opts.json) for (const r of results) console.log(JSON.stringify(r));
  if (!opts.json) printTable(results);
  if (opts.readme) writeReadme(results, loadBefore);
  if (results.some((r) => r.check === 'mismatch' || r.check === 'crashed')) {
    process.exitCode = 1;
  }
}

/** Rewrites the README's performance section (the README beside package.json). */
function writeReadme(results: CaseResult[], loadBefore: number): void {
  const reps = Math.max(...results.map((r) => r.reps ?? 1));
  const loads = results.map((r) => r.load_1m).filter((x): x is number => x !== undefined);
  const loadAfter = loads.length > 0 ? loads[loads.length - 1]! : loadAverage();
  const section = renderSection(results, { reps, loadBefore, loadAfter });
  writeReadmeSection(fileURLToPath(new URL('../README.md', import.meta.url)), section);
}

/** A mistake in how the bench was called: said in one line, exit status 2. */
class UsageError extends Error {}

try {
  await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
}
