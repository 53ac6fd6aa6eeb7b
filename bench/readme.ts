/**
 * The README's performance section, written from benchmark results: our
 * figures beside the anchors', how the cost grows with the number of
 * workers, the targets, and the conditions of the measurement. Only the
 * text between the two markers changes.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileAtomic } from '../sim/output/atomic.ts';
import { anchorsFor } from './anchors.ts';
import type { CaseResult } from './case-result.ts';

export const README_START = '<!-- performance:start -->';
export const README_END = '<!-- performance:end -->';

/** Conditions of a benchmark run, stated beside its figures. */
export interface BenchConditions {
  reps: number;
  /** 1-minute load average before and after the run. */
  loadBefore: number;
  loadAfter: number;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : '-');
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');

function mainTable(results: readonly CaseResult[]): string[] {
  const lines = [
    '| case | size | events | wall s | CPU s | events/s (wall) | peak RSS MiB | check | SimGrid s | SimPy s | plain JS s | x faster than SimGrid |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const a = anchorsFor(r);
    const simgrid = a?.simgridWallSec ?? NaN;
    lines.push(`| ${r.name} | ${int(r.size)} | ${r.events > 0 ? int(r.events) : '-'} | ${fmt(r.wall_s)} | ` +
      `${fmt(r.cpu_s)} | ${r.events > 0 ? int(r.events_per_s) : '-'} | ${fmt(r.peak_rss_mb)} | ${r.check} | ` +
      `${fmt(simgrid)} | ${fmt(a?.simpyWallSec ?? NaN)} | ${fmt(a?.plainJsWallSec ?? NaN)} | ` +
      `${fmt(simgrid / r.wall_s, 3)} |`);
  }
  return lines;
}

/** CPU seconds by size for each family of cases measured at several sizes. */
function growthTable(results: readonly CaseResult[]): string[] {
  const families = ['flash-crowd', 'crowd-aufs', 'crowd-slacker'];
  const lines = [
    '| case | workers | CPU s | x CPU for 10x workers | events | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const name of families) {
    const rows = results.filter((r) => r.name === name && r.size >= 1000).sort((a, b) => a.size - b.size);
    rows.forEach((r, i) => {
      const prev = rows[i - 1];
      const growth = prev && prev.size * 10 === r.size ? fmt(r.cpu_s / prev.cpu_s, 2) : '';
      lines.push(`| ${name} | ${int(r.size)} | ${fmt(r.cpu_s)} | ${growth} | ${int(r.events)} | ${fmt(r.peak_rss_mb)} |`);
    });
  }
  return lines;
}

function find(results: readonly CaseResult[], name: string, size: number): CaseResult | undefined {
  return results.find((r) => r.name === name && r.size === size);
}

function targetLines(results: readonly CaseResult[]): string[] {
  const out: string[] = [];
  const say = (what: string, target: string, value: string, met: boolean | null) =>
    out.push(`| ${what} | ${target} | ${value} | ${met === null ? 'not measured' : met ? 'met' : 'not met'} |`);
  out.push('| target | wanted | measured | |', '|---|---|---|---|');
  const cb = find(results, 'phold-callbacks', 1000);
  say('PHOLD, callbacks', '>= 5M events/s', cb ? int(cb.events_per_s) : '-', cb ? cb.events_per_s >= 5e6 : null);
  const pr = find(results, 'phold-processes', 1000);
  say('PHOLD, processes', '>= 2M events/s', pr ? int(pr.events_per_s) : '-', pr ? pr.events_per_s >= 2e6 : null);
  const f10 = find(results, 'flash-crowd', 10000);
  say('network flash crowd, 10k', '< 0.5 s', f10 ? `${fmt(f10.wall_s)} s` : '-', f10 ? f10.wall_s < 0.5 : null);
  const f100 = find(results, 'flash-crowd', 100000);
  say('network flash crowd, 100k', '< 10 s', f100 ? `${fmt(f100.wall_s)} s` : '-', f100 ? f100.wall_s < 10 : null);
  const hb = find(results, 'hellobench', 57);
  say('HelloBench end to end', '< 2 s', hb ? `${fmt(hb.wall_s)} s` : '-', hb ? hb.wall_s < 2 : null);
  const lazy = find(results, 'crowd-slacker', 10000);
  const lazyOk = lazy && lazy.check !== 'crashed' ? lazy.wall_s < 60 && lazy.peak_rss_mb < 4096 : false;
  say('Slacker (lazy) crowd, 10k', '< 60 s, < 4 GB',
    lazy ? `${fmt(lazy.wall_s)} s, ${fmt(lazy.peak_rss_mb)} MiB` : '-', lazy ? lazyOk : null);
  const s1 = find(results, 'sweep-jobs1', 32);
  const s2 = find(results, 'sweep-jobs2', 32);
  const speedup = s1 && s2 ? s1.wall_s / s2.wall_s : NaN;
  say('sweep of 32 points, 2 jobs vs 1', '>= 1.8x', s1 && s2 ? `${fmt(speedup, 2)}x` : '-',
    s1 && s2 ? speedup >= 1.8 : null);
  return out;
}

function anchorSentence(results: readonly CaseResult[]): string {
  if (results.some((r) => r.anchors !== undefined)) {
    return 'The anchors (SimGrid 3.32, SimPy 2.3.1, a plain JavaScript heap\n' +
      'simulator) were measured in the same run, just before ours, by their own run.sh\n' +
      '(`--anchors DIR`), with the same number of runs; a dash marks an engine that\n' +
      'could not run.';
  }
  return 'The anchors (SimGrid 3.32, SimPy 2.3.1, a plain JavaScript heap simulator)\n' +
    'were measured on the reference machine, idle; their figures come from its\n' +
    'anchor README (`--anchors DIR` measures them in the same run instead).';
}

/** The Markdown between the markers. */
export function renderSection(results: readonly CaseResult[], conditions: BenchConditions): string {
  const cpu = cpus();
  const machine = `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${fmt(totalmem() / 1024 ** 3, 3)} GiB RAM, Node ${process.version}`;
  return [
    README_START,
    '',
    'Regenerate with `npm run bench -- --readme` (add `--reps 3` for medians;\n' +
      '`--from FILE` rewrites the section from the `--json` lines of an earlier run).\n' +
      'Each case runs in its own Node process, capped at 4 GiB of heap; wall and CPU\n' +
      'seconds cover model construction and simulation, not Node start-up (for the\n' +
      'sweeps, CPU seconds and memory are the main process\'s only: points run in\n' +
      'worker processes). The cases run in rounds, every case once per round, so a\n' +
      'machine whose speed drifts affects them alike. ' + anchorSentence(results),
    '',
    ...mainTable(results),
    '',
    'How the cost grows with the number of workers (CPU seconds, which a busy machine',
    'inflates less than wall seconds):',
    '',
    ...growthTable(results),
    '',
    ...targetLines(results),
    '',
    `Measured on ${machine}; ${conditions.reps} run(s) per case, the median by wall time. ` +
      `Load average (1 min) ${fmt(conditions.loadBefore, 2)} before and ` +
      `${fmt(conditions.loadAfter, 2)} after: on a shared machine wall seconds can be several ` +
      'times the CPU seconds, and a sweep on 2 jobs only gains when 2 cores are free, so ' +
      'read the CPU column first.',
    '',
    README_END,
  ].join('\n');
}

/** Replaces the text between the markers of `readmePath` with `section`. */
export function writeReadmeSection(readmePath: string, section: string): void {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) {
    throw new Error(`${readmePath}: no ${README_START} ... ${README_END} markers`);
  }
  writeFileAtomic(readmePath, text.slice(0, start) + section + text.slice(end + README_END.length));
}

/** Results from the JSON lines of an earlier `npm run bench -- --json`. */
export function readResults(path: string): CaseResult[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as CaseResult);
}

/** The current 1-minute load average. */
export function loadAverage(): number {
  return loadavg()[0] ?? NaN;
}
