/**
 * `sim chart RESULTS_DIR`: draws the result tables of a run or sweep as
 * Vega-Lite specs, SVG and PNG images and an offline HTML report.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { drawCharts, type ImageFormat } from '../../charts/draw.ts';
import { CHART_KINDS, type ChartKind } from '../../charts/plan.ts';
import { InputError } from '../../errors.ts';

interface ChartArgs {
  results: string;
  kind: string[];
  x?: string;
  y?: string;
  metric?: string;
  color?: string;
  baseline?: string;
  target?: string;
  log: boolean;
  format: string;
  scale: number;
  out?: string;
}

const KIND_CHOICES = [...CHART_KINDS, 'all'];

export const chartCommand: CommandModule<object, ChartArgs> = {
  command: 'chart <results>',
  describe: 'draw charts and an offline HTML report from a results folder',
  builder: (yargs) =>
    yargs
      .positional('results', {
        type: 'string',
        demandOption: true,
        describe: 'results folder',
      })
      .option('kind', {
        type: 'string',
        array: true,
        default: ['all'],
        describe: `charts to draw: ${KIND_CHOICES.join(', ')} (repeat or comma-separate)`,
      })
      .option('x', { type: 'string', describe: 'sweep parameter on the x axis' })
      .option('y', {
        type: 'string',
        describe: 'sweep parameter on the y axis (heatmap)',
      })
      .option('metric', {
        type: 'string',
        describe: 'only this metric (timeseries, sweeps)',
      })
      .option('color', {
        alias: 'colour',
        type: 'string',
        describe: 'sweep parameter per line',
      })
      .option('baseline', {
        type: 'string',
        describe: 'speedup reference driver (default aufs)',
      })
      .option('target', { type: 'string', describe: 'speedup driver (default slacker)' })
      .option('log', {
        type: 'boolean',
        default: false,
        describe: 'log-scaled time axes',
      })
      .option('format', {
        type: 'string',
        default: 'svg,png',
        describe: 'image formats: svg,png',
      })
      .option('scale', {
        type: 'number',
        default: 2,
        describe: 'PNG pixels per SVG pixel',
      })
      .option('out', {
        type: 'string',
        describe: 'output folder (default RESULTS/charts)',
      })
      .example('$0 chart results/hellobench', 'all charts the tables allow')
      .example(
        '$0 chart results/sweep --kind heatmap --x workers --y cache --metric p99_s',
        'a heat map',
      ),
  handler: async (args) => {
    const outDir = args.out ?? join(args.results, 'charts');
    const result = await drawCharts(args.results, {
      outDir,
      kinds: parseKinds(args.kind),
      formats: parseFormats(args.format),
      pngScale: parseScale(args.scale),
      x: args.x,
      y: args.y,
      metric: args.metric,
      colour: args.color,
      baseline: args.baseline,
      target: args.target,
      logScale: args.log,
    });
    process.stdout.write(
      `wrote ${result.charts} charts to ${outDir} (report: ${result.report})\n`,
    );
  },
};

function parseKinds(values: string[]): ChartKind[] | 'all' {
  const kinds = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (kinds.length === 0 || kinds.includes('all')) return 'all';
  for (const kind of kinds) {
    if (!(CHART_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        'unknown chart kind',
        { key: '--kind' },
        {
          expected: `one of ${KIND_CHOICES.join(', ')}`,
          found: kind,
        },
      );
    }
  }
  return kinds as ChartKind[];
}

function parseFormats(value: string): ImageFormat[] {
  const formats = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const format of formats) {
    if (format !== 'svg' && format !== 'png') {
      throw new InputError(
        'unknown image format',
        { key: '--format' },
        {
          expected: 'svg, png or both (comma-separated)',
          found: format,
        },
      );
    }
  }
  return formats as ImageFormat[];
}

function parseScale(scale: number): number {
  if (Number.isFinite(scale) && scale > 0 && scale <= 16) return scale;
  throw new InputError(
    'bad PNG scale',
    { key: '--scale' },
    {
      expected: 'a number above 0 and at most 16',
      found: String(scale),
    },
  );
}
