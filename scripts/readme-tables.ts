/**
 * Regenerates the generated sections of README.md (between
 * `<!-- NAME:start -->` and `<!-- NAME:end -->` markers) from fresh runs:
 * - `hellobench`: published vs simulated headline figures (default seed);
 * - `seeds`: the same figures for seeds 1-6 and their mean, the catalogue's spread.
 * - `crowd`: the flash-crowd scenario's startup distribution and egress peaks;
 * - `policies`: the cache-policies scenario, one row per policy;
 * - `reliability`: the property-based tests and the cases they ran;
 * - `traces`: the captured traces' figures beside the paper's.
 * Usage: npm run readme [-- SECTION...]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarioFile } from '../models/pipeline.ts';
import { publishedRows } from '../models/report/published.ts';
import { writeFileAtomic } from '../sim/output/atomic.ts';
import { formatBytes, formatSeconds } from '../sim/units.ts';

const readme = new URL('../README.md', import.meta.url).pathname;
const scenario = new URL('../scenarios/hellobench-synthetic.yaml', import.meta.url).pathname;
const tracedScenario = new URL('../scenarios/hellobench.yaml', import.meta.url).pathname;

function fmt(x: number): string {
  return x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function hellobenchTable(): string {
  const synthetic = runScenarioFile(scenario).summary;
  const traced = runScenarioFile(tracedScenario).summary;
  const diff = (value: number, target: number) => {
    const d = ((value - target) / target) * 100;
    return `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`;
  };
  const lines = [
    '| figure | published | synthetic catalogue | difference | with real traces | difference |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of publishedRows) {
    const a = row.pick(synthetic)!;
    const b = row.pick(traced)!;
    lines.push(`| ${row.name} | ${fmt(row.value)} | ${fmt(a)} | ${diff(a, row.value)} | ${fmt(b)} | ${diff(b, row.value)} |`);
  }
  return lines.join('\n');
}

function seedTable(): string {
  const seeds = [1, 2, 3, 4, 5, 6];
  const results = seeds.map((seed) => runScenarioFile(scenario, { seed }).summary);
  const lines = [
    `| figure | published | mean | ${seeds.map((s) => `seed ${s}`).join(' | ')} |`,
    `|---|---|---|${seeds.map(() => '---').join('|')}|`,
  ];
  for (const row of publishedRows) {
    const values = results.map((s) => row.pick(s)!);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    lines.push(`| ${row.name} | ${fmt(row.value)} | ${fmt(mean)} | ${values.map(fmt).join(' | ')} |`);
  }
  return lines.join('\n');
}

function scenarioFile(name: string): string {
  return new URL(`../scenarios/${name}.yaml`, import.meta.url).pathname;
}

function crowdTable(): string {
  const result = runScenarioFile(scenarioFile('flash-crowd'));
  const lines = [
    '| driver | p50 | p90 | p99 | max | last ready | peak registry egress | peak storage egress |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, d] of Object.entries(result.summary.drivers)) {
    const peak = (metric: string) =>
      Math.max(0, ...result.timeseries.filter((s) => s.driver === name && s.metric === metric).map((s) => s.value));
    lines.push(
      `| ${name} | ${formatSeconds(d.median_total_s)} | ${formatSeconds(d.p90_total_s)} | ` +
        `${formatSeconds(d.p99_total_s)} | ${formatSeconds(d.max_total_s)} | ${formatSeconds(d.last_ready_s)} | ` +
        `${formatBytes(peak('registry_egress_bytes_per_s'))}/s | ${formatBytes(peak('storage_egress_bytes_per_s'))}/s |`,
    );
  }
  return lines.join('\n');
}

function policyTable(): string {
  const result = runScenarioFile(scenarioFile('cache-policies'));
  const lines = [
    '| storage-server cache policy | hit ratio | mean startup | p90 | p99 | storage bytes served |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, d] of Object.entries(result.summary.drivers)) {
    const c = result.summary.counters?.[name] ?? {};
    lines.push(
      `| ${name} | ${(c.storage_server_cache_hit_ratio ?? 0).toFixed(3)} | ${formatSeconds(d.mean_total_s)} | ` +
        `${formatSeconds(d.p90_total_s)} | ${formatSeconds(d.p99_total_s)} | ${formatBytes(c.storage_bytes_served ?? 0)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Runs every test file that uses fast-check with the property log on and
 * reports, per file, the properties that ran and the cases they executed.
 */
function reliabilityTable(): string {
  const root = new URL('..', import.meta.url).pathname;
  const files = execFileSync('grep', ['-rl', 'fast-check', 'test'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  const lines = [
    '| test file | what it checks | properties | cases run |',
    '|---|---|---|---|',
  ];
  let total = 0;
  for (const file of files) {
    const log = join(tmpdir(), `slacker-properties-${process.pid}.jsonl`);
    rmSync(log, { force: true });
    execFileSync('npx', ['ava', file], { cwd: root, env: { ...process.env, SLACKER_PROPERTY_LOG: log }, stdio: 'ignore' });
    const runs = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { runs: number });
    rmSync(log, { force: true });
    const cases = runs.reduce((a, r) => a + r.runs, 0);
    total += cases;
    lines.push(`| \`${file}\` | ${firstComment(join(root, file))} | ${runs.length} | ${cases.toLocaleString('en-US')} |`);
  }
  lines.push(`| all | | | ${total.toLocaleString('en-US')} |`);
  return [
    'Bad input ends in the project\'s own error (`InputError`) naming the file, line',
    'and key; results are written atomically; runs have event and simulated-time',
    'limits and report processes that can never finish. Property-based tests',
    '(fast-check) generate the inputs; this table is regenerated with',
    '`npm run readme -- reliability`, which runs them and counts the cases.',
    '',
    ...lines,
  ].join('\n');
}

/** The captured traces against the paper, from a freshly written SUMMARY.md. */
function tracesTable(): string {
  const root = new URL('..', import.meta.url).pathname;
  execFileSync('node', ['--import=tsx', 'traces/summarise-captured.ts'], { cwd: root, stdio: 'ignore' });
  const summary = readFileSync(join(root, 'traces/captured/SUMMARY.md'), 'utf8');
  const start = summary.indexOf('## Against the paper');
  const table = summary
    .slice(start)
    .split('\n')
    .filter((line) => line.startsWith('|'));
  return [
    ...table,
    '',
    'Per image (layers, sizes, read share by method, depth, copy-up, readiness time):',
    '`traces/captured/SUMMARY.md`.',
  ].join('\n');
}

/** The first sentence of a file's top comment, or its name. */
function firstComment(file: string): string {
  const text = readFileSync(file, 'utf8');
  const m = /\/\*\*([\s\S]*?)\*\//.exec(text);
  if (!m) return '';
  const words = m[1]!.replace(/^\s*\* ?/gm, ' ').replace(/\s+/g, ' ').trim();
  const end = words.search(/[.:](\s|$)/);
  return (end > 0 ? words.slice(0, end) : words).replace(/\|/g, '/');
}

const only = process.argv.slice(2);
const all: Record<string, () => string> = {
  hellobench: hellobenchTable,
  seeds: seedTable,
  crowd: crowdTable,
  policies: policyTable,
  reliability: reliabilityTable,
  traces: tracesTable,
};
const sections = only.length > 0 ? Object.fromEntries(only.map((n) => [n, all[n]!])) : all;
let text = readFileSync(readme, 'utf8');
for (const [name, build] of Object.entries(sections)) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${name} section markers`);
  text = `${text.slice(0, i + start.length)}\n${build()}\n${text.slice(j)}`;
}
writeFileAtomic(readme, text);
process.stdout.write('README.md tables regenerated\n');
