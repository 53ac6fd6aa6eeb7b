/**
 * An HTML report of rendered charts that opens anywhere without a network:
 * every chart is inlined as SVG, the styles are inline, there is no script.
 * The same charts give the same bytes, so reports can be diffed and committed.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic.ts';
import type { SummaryTable } from './summary.ts';

/** One chart in a report. */
export interface ReportChart {
  /** File stem of the chart's outputs, also its anchor in the page. */
  name: string;
  title: string;
  /** The chart as an SVG document, from renderSvg. */
  svg: string;
  /** Files beside the report to link to (e.g. `cdf.png`, `cdf.vl.json`). */
  files?: string[];
}

export interface ReportOptions {
  /** Page heading; default "slacker-sim results". */
  title?: string;
  /** A line under the heading, e.g. which results folder was drawn. */
  source?: string;
  /** Shown above the charts. */
  summary?: SummaryTable;
}

/**
 * Writes `report.html` into `dir` (created if needed) and returns its path.
 *
 * @example writeReport('out/charts', [{ name: 'cdf', title: 'Startup', svg }])
 */
export function writeReport(
  dir: string,
  charts: ReportChart[],
  options: ReportOptions = {},
): string {
  const path = join(dir, 'report.html');
  writeFileAtomic(path, reportHtml(charts, options));
  return path;
}

/** The report page as a string; see {@link writeReport}. */
export function reportHtml(charts: ReportChart[], options: ReportOptions = {}): string {
  const title = options.title ?? 'slacker-sim results';
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  if (options.source) parts.push(`<p class="source">${escapeHtml(options.source)}</p>`);
  if (charts.length > 0) parts.push(contents(charts));
  if (options.summary && options.summary.rows.length > 0)
    parts.push(summaryHtml(options.summary));
  for (const chart of charts) parts.push(chartHtml(chart));
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}

const STYLE = [
  'body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#222;',
  'margin:2em auto;max-width:72em}',
  'h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}',
  '.source{color:#555}',
  'table{border-collapse:collapse;font-size:.9em}',
  'th,td{border:1px solid #ccc;padding:.25em .6em}td.n{text-align:right}',
  'figure{margin:0}figure svg{max-width:100%;height:auto}',
  '.files{font-size:.85em;color:#555}',
].join('');

function contents(charts: ReportChart[]): string {
  const items = charts.map(
    (c) => `<li><a href="#${escapeHtml(c.name)}">${escapeHtml(c.title)}</a></li>`,
  );
  return ['<nav><ul>', ...items, '</ul></nav>'].join('\n');
}

function summaryHtml(summary: SummaryTable): string {
  const head = summary.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = summary.rows.map((row) => {
    const cells = row.map((cell) =>
      typeof cell === 'number'
        ? `<td class="n">${cell}</td>`
        : `<td>${escapeHtml(cell)}</td>`,
    );
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    '<h2 id="summary">Summary</h2>',
    '<table>',
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
  ].join('\n');
}

function chartHtml(chart: ReportChart): string {
  const links = (chart.files ?? []).map(
    (f) => `<a href="${escapeHtml(encodeURI(f))}">${escapeHtml(f)}</a>`,
  );
  const parts = [
    `<section id="${escapeHtml(chart.name)}">`,
    `<h2>${escapeHtml(chart.title)}</h2>`,
    `<figure>${scopeSvgIds(stripXmlProlog(chart.svg), chart.name)}</figure>`,
  ];
  if (links.length > 0) parts.push(`<p class="files">${links.join(' · ')}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}

/**
 * Prefixes the ids an SVG defines (clip paths, gradients) and its references
 * to them, so that two charts inlined in one page cannot capture each other's
 * definitions: each renders its ids from the same counters, starting at 0.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  if (ids.size === 0) return svg;
  const scoped = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a, id, b) => a + scoped(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_, id) => `url(#${scoped(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, a, id, b) => `${a}#${scoped(id)}${b}`);
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
