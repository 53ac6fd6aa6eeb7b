/**
 * The summary a person reads after `sim run`: per-driver figures, medians
 * per category, and for HelloBench-style runs the published figures beside
 * the simulated ones.
 */
import Table from 'cli-table3';
import { formatSeconds } from '../../sim/units.ts';
import type { RunResult } from '../pipeline.ts';
import { categoryMedians } from '../summary.ts';
import { publishedRows } from './published.ts';

const plain = { chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, style: { head: [], border: [] } };

export function printSummary(result: RunResult): string {
  const out: string[] = [];
  const s = result.summary;
  out.push(`${result.config.name}: ${s.images} image(s), ${result.records.length} container start(s), seed ${result.config.seed}`);

  const drivers = new Table({
    head: ['driver', 'containers', 'median pull', 'median run', 'median push', 'median total', 'p99 total', 'last ready'],
    ...plain,
  });
  for (const [name, d] of Object.entries(s.drivers)) {
    drivers.push([
      name, d.containers, formatSeconds(d.median_pull_s), formatSeconds(d.median_run_s),
      d.median_push_s > 0 ? formatSeconds(d.median_push_s) : '-', formatSeconds(d.median_total_s),
      formatSeconds(d.p99_total_s), formatSeconds(d.last_ready_s),
    ]);
  }
  out.push(drivers.toString());

  const medians = categoryMedians(result.records);
  const driverNames = Object.keys(s.drivers);
  const cycles = [...new Set(medians.map((m) => m.cycle))];
  const byCategory = new Table({
    head: ['category', ...cycles.flatMap((c) => driverNames.map((d) => `${c} ${d}`))],
    ...plain,
  });
  for (const category of [...new Set(medians.map((m) => m.category))]) {
    byCategory.push([
      category,
      ...cycles.flatMap((c) =>
        driverNames.map((d) => {
          const m = medians.find((x) => x.category === category && x.cycle === c && x.driver === d);
          return m ? formatSeconds(m.median_s) : '-';
        }),
      ),
    ]);
  }
  out.push('median startup time per category');
  out.push(byCategory.toString());

  // The paper's figures are about all 57 images; a subset is not comparable.
  if (s.speedup && s.images === 57) {
    const compare = new Table({ head: ['figure', 'published', 'simulated', 'difference'], ...plain });
    for (const row of publishedRows) {
      const value = row.pick(s);
      if (value === undefined || !Number.isFinite(value)) continue;
      const diff = ((value - row.value) / row.value) * 100;
      compare.push([row.name, fmt(row.value), fmt(value), `${diff >= 0 ? '+' : ''}${diff.toFixed(1)}%`]);
    }
    out.push('published (Slacker, FAST \'16) vs simulated');
    out.push(compare.toString());
  }
  return `${out.join('\n')}\n`;
}

function fmt(x: number): string {
  return x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}
