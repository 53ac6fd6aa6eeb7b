/**
 * Deciding which charts to draw from the tables a results folder holds and
 * the options a user gave. Asking for a chart the tables cannot support is an
 * error; `all` quietly draws whatever the tables allow.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../errors.ts';
import type { CsvTable } from './read-csv.ts';
import { sweepParameters, type ResultTables } from './results.ts';
import { distinct } from './rows.ts';
import { perImageBars } from './specs/per-image-bars.ts';
import { phaseBreakdown } from './specs/phase-breakdown.ts';
import { speedupBars } from './specs/speedup-bars.ts';
import { startupCdf } from './specs/startup-cdf.ts';
import { sweepHeatmap } from './specs/sweep-heatmap.ts';
import { sweepLines } from './specs/sweep-lines.ts';
import { timeSeries } from './specs/time-series.ts';

export const CHART_KINDS = [
  'cdf',
  'images',
  'speedup',
  'phases',
  'timeseries',
  'heatmap',
  'lines',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface PlanOptions {
  kinds: ChartKind[] | 'all';
  x?: string;
  y?: string;
  metric?: string;
  colour?: string;
  baseline?: string;
  target?: string;
  logScale?: boolean;
}

/** A chart to draw: a file stem, a title for the report and its spec. */
export interface PlannedChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Builds the specs for the requested kinds, in CHART_KINDS order. */
export function planCharts(tables: ResultTables, options: PlanOptions): PlannedChart[] {
  const all = options.kinds === 'all';
  const kinds = all
    ? [...CHART_KINDS]
    : CHART_KINDS.filter((k) => options.kinds.includes(k));
  const charts: PlannedChart[] = [];
  for (const kind of kinds) {
    const table = tableFor(kind, tables, all);
    if (!table) continue;
    const built = inFile(table, () => chartsOfKind(kind, table, options, all));
    charts.push(...built);
  }
  return charts;
}

const NEEDS: Record<ChartKind, keyof ResultTables> = {
  cdf: 'containers',
  images: 'containers',
  speedup: 'containers',
  phases: 'containers',
  timeseries: 'timeseries',
  heatmap: 'sweep',
  lines: 'sweep',
};

const TABLE_HINT: Record<keyof ResultTables, string> = {
  containers: 'a CSV with columns container, driver, total_s',
  timeseries: 'a CSV with columns time_s, metric, value',
  sweep: 'a CSV with columns point, metric, value',
};

function tableFor(
  kind: ChartKind,
  tables: ResultTables,
  all: boolean,
): CsvTable | undefined {
  const needed = NEEDS[kind];
  const table = tables[needed];
  if (table || all) return table;
  throw new InputError(
    `the ${kind} chart needs a ${needed} table`,
    { key: '--kind' },
    {
      expected: TABLE_HINT[needed],
      found: 'none in the results folder',
    },
  );
}

function chartsOfKind(
  kind: ChartKind,
  table: CsvTable,
  options: PlanOptions,
  all: boolean,
): PlannedChart[] {
  const rows = table.rows;
  const log = options.logScale ?? false;
  switch (kind) {
    case 'cdf':
      return [
        {
          name: 'startup-cdf',
          title: 'Startup time CDF',
          spec: startupCdf(rows, { logScale: log }),
        },
      ];
    case 'images':
      return [
        {
          name: 'per-image',
          title: 'Startup time per image',
          spec: perImageBars(rows, { logScale: log }),
        },
      ];
    case 'speedup':
      return speedupCharts(table, options, all);
    case 'phases':
      return [
        { name: 'phases', title: 'Startup time by phase', spec: phaseBreakdown(rows) },
      ];
    case 'timeseries':
      return metricsOf(table, options.metric).map((metric) => ({
        name: `timeseries-${fileSafe(metric)}`,
        title: `Time series: ${metric}`,
        spec: timeSeries(rows, metric),
      }));
    case 'heatmap':
      return heatmapCharts(table, options, all);
    case 'lines':
      return lineCharts(table, options, all);
  }
}

function speedupCharts(
  table: CsvTable,
  options: PlanOptions,
  all: boolean,
): PlannedChart[] {
  const baseline = options.baseline ?? 'aufs';
  const target = options.target ?? 'slacker';
  const drivers = distinct(table.rows, 'driver');
  if (all && !(drivers.includes(baseline) && drivers.includes(target))) return [];
  const spec = speedupBars(table.rows, { baseline, target, logScale: options.logScale });
  return [{ name: 'speedup', title: `Speedup of ${target} over ${baseline}`, spec }];
}

function heatmapCharts(
  table: CsvTable,
  options: PlanOptions,
  all: boolean,
): PlannedChart[] {
  const params = sweepParameters(table);
  let { x, y } = options;
  if ((!x || !y) && params.length === 2)
    [x, y] = [x ?? params[0], y ?? params.find((p) => p !== x)];
  if (!x || !y) {
    if (all) return [];
    throw new InputError(
      'the heat map needs two sweep parameters',
      { key: '--x/--y' },
      {
        expected: `--x and --y naming two of ${params.join(', ')}`,
        found: [options.x, options.y].filter(Boolean).join(', ') || 'none',
      },
    );
  }
  checkParameter(table, x, '--x');
  checkParameter(table, y, '--y');
  const [across, down] = [x, y];
  return metricsOf(table, options.metric).map((metric) => ({
    name: `heatmap-${fileSafe(metric)}`,
    title: `Sweep heat map: ${metric}`,
    spec: sweepHeatmap(table.rows, across, down, metric),
  }));
}

function lineCharts(table: CsvTable, options: PlanOptions, all: boolean): PlannedChart[] {
  const params = sweepParameters(table);
  const x = options.x ?? (params.length <= 2 ? params[0] : undefined);
  if (!x) {
    if (all) return [];
    throw new InputError(
      'the line chart needs a sweep parameter for x',
      { key: '--x' },
      {
        expected: `one of ${params.join(', ') || '(no parameter columns)'}`,
        found: 'none',
      },
    );
  }
  checkParameter(table, x, '--x');
  const others = params.filter((p) => p !== x);
  const colour = options.colour ?? (others.length === 1 ? others[0] : undefined);
  if (colour) checkParameter(table, colour, '--color');
  return metricsOf(table, options.metric).map((metric) => ({
    name: `lines-${fileSafe(metric)}`,
    title: `Sweep lines: ${metric}`,
    spec: sweepLines(table.rows, x, metric, colour),
  }));
}

function checkParameter(table: CsvTable, column: string, flag: string): void {
  if (table.columns.includes(column)) return;
  throw new InputError(
    'no such column',
    { file: table.file, key: flag },
    {
      expected: `one of ${sweepParameters(table).join(', ')}`,
      found: column,
    },
  );
}

function metricsOf(table: CsvTable, metric: string | undefined): string[] {
  const metrics = distinct(table.rows, 'metric');
  if (metric === undefined) return metrics;
  if (metrics.includes(metric)) return [metric];
  throw new InputError(
    'no such metric',
    { file: table.file, key: '--metric' },
    {
      expected: `one of ${metrics.join(', ')}`,
      found: metric,
    },
  );
}

/** Runs `build`, placing any input error it raises in the table's file. */
function inFile<T>(table: CsvTable, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof InputError) throw error.at({ file: table.file });
    throw error;
  }
}

/** A metric name made safe to use in a file name. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_');
}
