/**
 * The whole `sim chart` pipeline for one results folder, as steps:
 * 1. load the result tables, 2. plan the charts, 3. write each spec and
 * render it, 4. write the HTML report. Returns the files it wrote.
 */
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../output/atomic.ts';
import { planCharts, type PlanOptions } from './plan.ts';
import { renderSvg, svgToPng } from './render.ts';
import { writeReport, type ReportChart } from './report.ts';
import { loadResults } from './results.ts';
import { startupSummary } from './summary.ts';

export type ImageFormat = 'svg' | 'png';

export interface DrawOptions extends PlanOptions {
  /** Folder the charts and report go to. */
  outDir: string;
  /** Image files to write besides the `.vl.json` spec; default svg and png. */
  formats?: ImageFormat[];
  /** PNG pixels per SVG pixel; default 2. */
  pngScale?: number;
}

export interface DrawResult {
  /** Every file written, in order, the report last. */
  files: string[];
  charts: number;
  report: string;
}

/** Draws the charts of `resultsDir` into `options.outDir`. */
export async function drawCharts(
  resultsDir: string,
  options: DrawOptions,
): Promise<DrawResult> {
  const formats = options.formats ?? ['svg', 'png'];

  // 1. Tables.
  const tables = loadResults(resultsDir);

  // 2. Specs.
  const planned = planCharts(tables, options);

  // 3. Files per chart; the report embeds the SVG whether or not it is kept.
  const files: string[] = [];
  const reportCharts: ReportChart[] = [];
  for (const chart of planned) {
    const written = [`${chart.name}.vl.json`];
    writeFileAtomic(
      join(options.outDir, written[0]!),
      `${JSON.stringify(chart.spec, null, 2)}\n`,
    );
    const svg = await renderSvg(chart.spec);
    if (formats.includes('svg')) {
      written.push(`${chart.name}.svg`);
      writeFileAtomic(join(options.outDir, `${chart.name}.svg`), svg);
    }
    if (formats.includes('png')) {
      written.push(`${chart.name}.png`);
      const png = svgToPng(svg, { scale: options.pngScale ?? 2 });
      writeFileAtomic(join(options.outDir, `${chart.name}.png`), png);
    }
    files.push(...written.map((f) => join(options.outDir, f)));
    reportCharts.push({ name: chart.name, title: chart.title, svg, files: written });
  }

  // 4. Report.
  const summary = tables.containers ? startupSummary(tables.containers.rows) : undefined;
  const report = writeReport(options.outDir, reportCharts, {
    source: `Results from ${basename(resultsDir) || resultsDir}`,
    summary,
  });
  files.push(report);
  return { files, charts: planned.length, report };
}
