import test from 'ava';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim as simInProcess } from '../cli/helpers.ts';
import { FIXTURE_DIR } from './fixture.ts';

/** Runs `sim ...` in process, capturing what it prints. */
const sim = (args: string[]) => simInProcess(...args);

test.serial(
  'sim chart writes specs, images and a report for the asked kinds',
  async (t) => {
    const out = mkdtempSync(join(tmpdir(), 'chart-'));
    const run = await sim([
      'chart',
      FIXTURE_DIR,
      '--kind',
      'cdf,heatmap',
      '--metric',
      'hit_ratio',
      '--out',
      out,
      '--scale',
      '1',
    ]);
    t.is(run.code, 0, run.stderr);
    t.regex(run.stdout, /wrote 2 charts/);
    for (const stem of ['startup-cdf', 'heatmap-hit_ratio']) {
      for (const ext of ['.vl.json', '.svg', '.png']) {
        t.true(existsSync(join(out, stem + ext)), `${stem}${ext} written`);
      }
    }
    t.false(existsSync(join(out, 'speedup.vl.json')), 'only the asked kinds');
    const spec = JSON.parse(readFileSync(join(out, 'startup-cdf.vl.json'), 'utf8'));
    t.is(spec.data.values.length, 32);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    t.is(report.split('<svg').length - 1, 2);
    t.true(report.includes('Sweep heat map: hit_ratio'));
  },
);

test.serial('--format svg writes no PNG', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'chart-'));
  const run = await sim([
    'chart',
    FIXTURE_DIR,
    '--kind',
    'timeseries',
    '--format',
    'svg',
    '--out',
    out,
  ]);
  t.is(run.code, 0, run.stderr);
  t.true(existsSync(join(out, 'timeseries-registry_egress_bytes_per_s.svg')));
  t.false(existsSync(join(out, 'timeseries-registry_egress_bytes_per_s.png')));
});

test.serial('a malformed CSV exits 2 naming the file and line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  copyFileSync(join(FIXTURE_DIR, 'sweep.csv'), join(dir, 'sweep.csv'));
  const lines = readFileSync(join(FIXTURE_DIR, 'containers.csv'), 'utf8').split('\n');
  lines[6] = `${lines[6]},surplus`;
  writeFileSync(join(dir, 'containers.csv'), lines.join('\n'));
  const run = await sim(['chart', dir, '--out', join(dir, 'charts')]);
  t.is(run.code, 2);
  t.true(run.stderr.includes(`${join(dir, 'containers.csv')}:7:`), run.stderr);
  t.false(existsSync(join(dir, 'charts', 'report.html')));
});

test.serial('asking for a chart the tables cannot make exits 2', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  copyFileSync(join(FIXTURE_DIR, 'timeseries.csv'), join(dir, 'timeseries.csv'));
  const run = await sim(['chart', dir, '--kind', 'speedup']);
  t.is(run.code, 2);
  t.regex(run.stderr, /containers table/);
  const badKind = await sim(['chart', dir, '--kind', 'pie']);
  t.is(badKind.code, 2);
  t.regex(badKind.stderr, /--kind.*found pie/);
});
