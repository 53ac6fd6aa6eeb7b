import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportHtml, scopeSvgIds, writeReport } from '../../sim/charts/report.ts';
import { startupSummary } from '../../sim/charts/summary.ts';
import { quantile } from '../../sim/charts/rows.ts';
import { containers } from './fixture.ts';

const svgWithGradient = (colour: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="gradient_0">` +
  `<stop stop-color="${colour}"/></linearGradient></defs>` +
  `<rect fill="url(#gradient_0)"/></svg>`;

test('inlined charts get ids of their own', (t) => {
  const html = reportHtml([
    { name: 'a', title: 'A', svg: svgWithGradient('red') },
    { name: 'b', title: 'B', svg: svgWithGradient('blue') },
  ]);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  t.is(new Set(ids).size, ids.length, `duplicate ids in ${ids.join(', ')}`);
  t.true(html.includes('url(#b-gradient_0)'));
  t.is(scopeSvgIds('<svg><rect/></svg>', 'x'), '<svg><rect/></svg>');
});

test('the report is self-contained, escapes text and lists charts and summary', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const path = writeReport(
    dir,
    [{ name: 'cdf', title: 'p<99> & co', svg: '<svg></svg>', files: ['cdf.png'] }],
    { summary: startupSummary(containers()), source: 'run "x"' },
  );
  const html = readFileSync(path, 'utf8');
  t.true(html.includes('<h2>p&lt;99&gt; &amp; co</h2>'));
  t.true(html.includes('run &quot;x&quot;'));
  t.true(html.includes('<a href="cdf.png">cdf.png</a>'));
  t.notRegex(html, /<script|<link|https?:\/\/(?!www\.w3\.org)/);
  t.regex(html, /<th>median \(s\)<\/th>/);
});

test('the summary gives per-cycle, per-driver quantiles of startup time', (t) => {
  const rows = containers();
  const summary = startupSummary(rows);
  t.is(summary.rows.length, 4);
  const group = rows.filter((r) => r.cycle === 'deployment' && r.driver === 'aufs');
  const totals = group.map((r) => r.total_s as number);
  const row = summary.rows.find((r) => r[0] === 'deployment' && r[1] === 'aufs')!;
  const at = (name: string) => row[summary.columns.indexOf(name)] as number;
  t.is(at('containers'), group.length);
  t.is(at('median (s)'), Math.round(quantile(totals, 0.5) * 1000) / 1000);
  const pullShare =
    (100 * group.reduce((s, r) => s + (r.pull_s as number), 0)) /
    totals.reduce((a, b) => a + b, 0);
  t.is(at('pull share (%)'), Math.round(pullShare * 10) / 10);
});
