/**
 * Regenerates the generated sections of README.md (between
 * `<!-- NAME:start -->` and `<!-- NAME:end -->` markers) from fresh runs:
 * - `hellobench`: published vs simulated headline figures (default seed);
 * - `seeds`: the same figures for seeds 1-6 and their mean, the catalogue's spread.
 * Usage: npm run readme
 */
import { readFileSync } from 'node:fs';
import { runScenarioFile } from '../models/pipeline.ts';
import { publishedRows } from '../models/report/published.ts';
import { writeFileAtomic } from '../sim/output/atomic.ts';

const readme = new URL('../README.md', import.meta.url).pathname;
const scenario = new URL('../scenarios/hellobench.yaml', import.meta.url).pathname;

function fmt(x: number): string {
  return x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function hellobenchTable(): string {
  const result = runScenarioFile(scenario);
  const lines = [
    '| figure | published | simulated | difference |',
    '|---|---|---|---|',
  ];
  for (const row of publishedRows) {
    const value = row.pick(result.summary)!;
    const diff = ((value - row.value) / row.value) * 100;
    lines.push(`| ${row.name} | ${fmt(row.value)} | ${fmt(value)} | ${diff >= 0 ? '+' : ''}${diff.toFixed(1)}% |`);
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

const sections: Record<string, () => string> = { hellobench: hellobenchTable, seeds: seedTable };
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
