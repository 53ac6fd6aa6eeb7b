import test from 'ava';
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { quantile } from '../../sim/charts/rows.ts';
import { perImageBars } from '../../sim/charts/specs/per-image-bars.ts';
import { phaseBreakdown } from '../../sim/charts/specs/phase-breakdown.ts';
import { imageSpeedups, speedupBars } from '../../sim/charts/specs/speedup-bars.ts';
import { startupCdf } from '../../sim/charts/specs/startup-cdf.ts';
import { sweepHeatmap } from '../../sim/charts/specs/sweep-heatmap.ts';
import { sweepLines } from '../../sim/charts/specs/sweep-lines.ts';
import { timeSeries } from '../../sim/charts/specs/time-series.ts';
import { InputError } from '../../sim/errors.ts';
import { containers, sweep, timeseries } from './fixture.ts';

type Values = Record<string, unknown>[];

// Vega-Lite's compiler forgives a lot (unknown properties, misspelt channels),
// so specs are also checked against its published JSON schema.
const schemaPath = createRequire(import.meta.url).resolve(
  'vega-lite/vega-lite-schema.json',
);
let validator: ValidateFunction | undefined;
function schemaValid(spec: unknown): boolean {
  if (!validator) {
    const ajv = new Ajv({ strict: false, validateFormats: false, logger: false });
    validator = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  }
  return validator(spec) as boolean;
}

/** Checks a spec is valid Vega-Lite and returns its inline data. */
function compiledValues(t: import('ava').ExecutionContext, spec: TopLevelSpec): Values {
  t.notThrows(() => vl.compile(spec));
  t.true(schemaValid(spec), JSON.stringify(validator?.errors)?.slice(0, 500));
  const data = (spec as { data?: { values?: Values } }).data;
  t.truthy(data?.values, 'spec carries its data inline');
  return data!.values!;
}

const seconds = (rows: Values, column: string) =>
  rows.map((r) => r[column] as number).sort((a, b) => a - b);

test('startupCdf carries every container time and groups by driver', (t) => {
  const rows = containers();
  const values = compiledValues(t, startupCdf(rows));
  t.deepEqual(seconds(values, 'total_s'), seconds(rows, 'total_s'));
  const spec = startupCdf(rows, { groupBy: 'worker', cycle: 'development' }) as any;
  const kept = compiledValues(t, spec);
  t.is(kept.length, rows.filter((r) => r.cycle === 'development').length);
  t.is(spec.encoding.color.field, 'worker');
  t.is(spec.encoding.strokeDash, undefined, 'one cycle needs no dash pattern');
});

test('perImageBars plots the deployment median per image and driver', (t) => {
  const rows = containers();
  const values = compiledValues(t, perImageBars(rows));
  const redis = rows.filter(
    (r) => r.image === 'redis' && r.driver === 'aufs' && r.cycle === 'deployment',
  );
  const expected = quantile(
    redis.map((r) => r.total_s as number),
    0.5,
  );
  const bar = values.find((v) => v.image === 'redis' && v.driver === 'aufs');
  t.is(bar?.total_s, expected);
  t.is(values.length, 4 * 2);
  const log = perImageBars(rows, { logScale: true, mark: 'dot' }) as any;
  compiledValues(t, log);
  t.is(log.encoding.x.scale.type, 'log');
  t.is(log.mark.type, 'point');
});

test('speedupBars divides median baseline time by median target time', (t) => {
  const rows = containers();
  const values = compiledValues(t, speedupBars(rows)) as any[];
  const deployment = rows.filter((r) => r.cycle === 'deployment' && r.image === 'python');
  const median = (d: string) =>
    quantile(
      deployment.filter((r) => r.driver === d).map((r) => r.total_s as number),
      0.5,
    );
  const python = values.find((v) => v.image === 'python');
  t.is(python.speedup, median('aufs') / median('slacker'));
  t.true(values.every((v, i) => i === 0 || values[i - 1].speedup >= v.speedup));
  const development = imageSpeedups(rows, { cycle: 'development' });
  t.true(development.length === 4 && development[0]!.speedup > values[0].speedup);
  t.throws(() => speedupBars(rows, { target: 'estargz' }), { instanceOf: InputError });
});

test('phaseBreakdown stacks mean push, pull and run seconds', (t) => {
  const rows = containers();
  const values = compiledValues(
    t,
    phaseBreakdown(rows, { cycle: 'development' }),
  ) as any[];
  const group = rows.filter(
    (r) => r.cycle === 'development' && r.driver === 'aufs' && r.category === 'language',
  );
  const meanPull = group.reduce((s, r) => s + (r.pull_s as number), 0) / group.length;
  const pull = values.find(
    (v) => v.driver === 'aufs' && v.category === 'language' && v.phase === 'pull',
  );
  t.is(pull.seconds, meanPull);
  t.is(values.length, 2 * 4 * 3);
});

test('timeSeries keeps only the asked metric', (t) => {
  const rows = timeseries();
  const values = compiledValues(t, timeSeries(rows, 'registry_egress_bytes_per_s'));
  t.is(values.length, rows.length);
  const spec = timeSeries(rows, 'registry_egress_bytes_per_s') as any;
  t.is(spec.encoding.y.title, 'registry egress (bytes/s)');
  const error = t.throws(() => timeSeries(rows, 'nope'), { instanceOf: InputError });
  t.regex(error!.message, /registry_egress_bytes_per_s/);
});

test('sweep charts hold one cell or point per parameter combination', (t) => {
  const rows = sweep();
  const cells = compiledValues(
    t,
    sweepHeatmap(rows, 'workers', 'cache_gb', 'p99_startup_s'),
  );
  t.is(cells.length, 9);
  const source = rows.find(
    (r) => r.workers === 1000 && r.cache_gb === 1 && r.metric === 'p99_startup_s',
  );
  t.is(cells.find((c) => c.workers === 1000 && c.cache_gb === 1)?.value, source?.value);
  const averaged = compiledValues(t, sweepLines(rows, 'workers', 'hit_ratio'));
  t.is(averaged.length, 3, 'without a colour, other parameters are averaged');
  const lines = sweepLines(rows, 'workers', 'p99_startup_s', 'cache_gb') as any;
  t.is(compiledValues(t, lines).length, 9);
  t.is(lines.encoding.x.scale.type, 'log', 'geometric sweeps get a log axis');
});

test('a missing column is an input error naming the column', (t) => {
  const rows = containers().map(({ total_s: _, ...rest }) => rest);
  const error = t.throws(() => startupCdf(rows), {
    instanceOf: InputError,
  }) as InputError;
  t.is(error.where.key, 'total_s');
});

test('the schema check rejects what the compiler lets through', (t) => {
  const spec = startupCdf(containers()) as any;
  t.true(schemaValid(spec));
  t.false(
    schemaValid({ ...spec, encoding: { ...spec.encoding, colour: spec.encoding.color } }),
  );
});

test('phaseBreakdown leaves out a phase no row has, and needs some phase', (t) => {
  const rows = containers().map((r) => ({ ...r, push_s: null }));
  const values = compiledValues(t, phaseBreakdown(rows)) as any[];
  t.deepEqual([...new Set(values.map((v) => v.phase))], ['pull', 'run']);
  const bare = rows.map((r) => ({ ...r, pull_s: null, run_s: null }));
  t.throws(() => phaseBreakdown(bare), { instanceOf: InputError });
});
