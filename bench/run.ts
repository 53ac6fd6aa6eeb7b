/**
 * The benchmark suite: `npm run bench [-- --json] [--only NAME] [--reps N]`.
 *
 * Each case runs in its own Node process so that its peak resident memory is
 * its own. Wall time covers model construction and simulation, as in the
 * anchors. Results are checked against the anchors' simulated figures; a
 * mismatch makes the run exit non-zero. Benchmarks are not tests: nothing in
 * CI looks at the times.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { ANCHOR_WALL_SEC } from './anchors.ts';
import {
  FLASH_ANCHOR_RESULTS,
  readStarts,
  runFlashCrowd,
  uniformStarts,
} from './flash-crowd.ts';
import { PHOLD_ANCHOR, pholdCallbacks, pholdProcesses } from './phold.ts';

interface CaseResult {
  name: string;
  size: number;
  events: number;
  wall_s: number;
  /** CPU seconds (user + system) of the case: less sensitive than wall to a busy machine. */
  cpu_s: number;
  events_per_s: number;
  peak_rss_mb: number;
  result: string;
  check: 'ok' | 'mismatch' | 'unchecked' | 'crashed';
}

interface Case {
  name: string;
  size: number;
  /** Runs the case and returns its event count, result text and check. */
  run(): { events: number; result: string; check: CaseResult['check'] };
}

const PHOLD_EVENTS = 1_999_015;
const PHOLD_FINGERPRINT = 999_559_609;
const FLASH_RELATIVE_TOLERANCE = 1e-6;

function pholdCase(name: string, fn: typeof pholdCallbacks): Case {
  return {
    name,
    size: PHOLD_ANCHOR.lps,
    run() {
      const r = fn(PHOLD_ANCHOR);
      const ok = r.events === PHOLD_EVENTS && r.fingerprint === PHOLD_FINGERPRINT;
      return {
        events: r.events,
        result: `events:${r.events},fingerprint:${r.fingerprint}`,
        check: ok ? 'ok' : 'mismatch',
      };
    },
  };
}

function flashCase(workers: number): Case {
  return {
    name: 'flash-crowd',
    size: workers,
    run() {
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
    },
  };
}

const CASES: Case[] = [
  pholdCase('phold-callbacks', pholdCallbacks),
  pholdCase('phold-processes', pholdProcesses),
  flashCase(100),
  flashCase(1000),
  flashCase(10000),
  flashCase(100000),
];

const caseId = (c: { name: string; size: number }) => `${c.name}:${c.size}`;

function runInThisProcess(id: string): CaseResult {
  const c = CASES.find((k) => caseId(k) === id);
  if (!c) throw new Error(`unknown case ${id}`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { events, result, check } = c.run();
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
  };
}

/** Runs one case in a fresh Node process; a crash (e.g. out of memory) becomes a row. */
function runInChild(id: string): CaseResult {
  const script = fileURLToPath(import.meta.url);
  try {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, script, '--child', id],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 20 },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as CaseResult;
  } catch {
    const [name, size] = id.split(':');
    return { name: name!, size: Number(size), events: 0, wall_s: NaN, cpu_s: NaN, events_per_s: 0,
      peak_rss_mb: NaN, result: '', check: 'crashed' };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median of `reps` runs by wall time (the run itself, so RSS and checks match it). */
function measure(id: string, reps: number): CaseResult {
  const runs = Array.from({ length: reps }, () => runInChild(id));
  const mid = median(runs.map((r) => r.wall_s));
  return runs.find((r) => r.wall_s === mid)!;
}

function anchorKey(r: CaseResult): string {
  return r.name.startsWith('phold') ? `phold:${r.size}` : `${r.name}:${r.size}`;
}

function printTable(results: CaseResult[]): void {
  const table = new Table({
    head: ['case', 'size', 'events', 'wall s', 'cpu s', 'events/s', 'peak RSS MiB', 'result',
      'check', 'SimGrid s', 'SimPy s', 'plain JS s'],
    style: { head: [], border: [] },
  });
  for (const r of results) {
    const anchor = ANCHOR_WALL_SEC[anchorKey(r)];
    table.push([r.name, r.size, r.events, r.wall_s, r.cpu_s, r.events_per_s, r.peak_rss_mb,
      r.result, r.check, anchor?.simgridWallSec ?? '-', anchor?.simpyWallSec ?? '-',
      anchor?.plainJsWallSec ?? '-']);
  }
  console.log(table.toString());
}

function parseArgs(argv: string[]): { json: boolean; only: string | null; reps: number; child: string | null } {
  const opts = { json: false, only: null as string | null, reps: 1, child: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--only') opts.only = argv[++i] ?? null;
    else if (arg === '--reps') opts.reps = Number(argv[++i]);
    else if (arg === '--child') opts.child = argv[++i] ?? null;
    else throw new Error(`unknown argument ${arg} (expected --json, --only NAME, --reps N)`);
  }
  if (!(opts.reps >= 1)) throw new Error('--reps expects a positive integer');
  return opts;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) {
    console.log(JSON.stringify(runInThisProcess(opts.child)));
    return;
  }
  const chosen = CASES.filter(
    (c) => opts.only === null || c.name === opts.only || caseId(c) === opts.only,
  );
  if (chosen.length === 0) {
    throw new Error(`no case matches ${opts.only}; cases: ${CASES.map(caseId).join(', ')}`);
  }
  const results: CaseResult[] = [];
  for (const c of chosen) {
    const r = measure(caseId(c), opts.reps);
    results.push(r);
    if (opts.json) console.log(JSON.stringify(r));
  }
  if (!opts.json) printTable(results);
  if (results.some((r) => r.check === 'mismatch' || r.check === 'crashed')) {
    process.exitCode = 1;
  }
}

main();
