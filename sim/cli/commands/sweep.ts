/**
 * `sim sweep FILE`: run a scenario over a grid of parameters, in parallel,
 * resumably, optionally one shard of many. See sim/sweep/run-sweep.ts.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { planSweep } from '../../../models/sweep/plan.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { parseShard } from '../../sweep/shard.ts';
import type { SeedMode } from '../../sweep/spec.ts';
import { formatSeconds } from '../../units.ts';
import { integerOption, parseSeed } from './run.ts';

/** More worker processes than this is a typo, not a machine. */
const MAX_JOBS = 1024;

interface SweepArgs {
  file: string;
  grid?: string[];
  jobs?: number;
  shard?: string;
  out?: string;
  metrics?: string;
  set?: string[];
  seed?: number;
  seeds?: SeedMode;
  fresh?: boolean;
  verbose?: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <file>',
  describe: 'run a scenario over a grid of parameters (resumable, shardable)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('grid', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'sweep a key: key.path=v1,v2,... (repeatable; adds to sweep: in the file)',
      })
      .option('jobs', {
        type: 'string',
        coerce: (text: string) => integerOption('--jobs', text, 1, MAX_JOBS),
        describe: `worker processes (default: the ${availableParallelism()} cores)`,
      })
      .option('shard', { type: 'string', describe: 'only points with index % N == I: I/N' })
      .option('out', {
        type: 'string',
        describe: 'results folder (default results/<scenario name>/sweep)',
      })
      .option('metrics', { type: 'string', describe: 'metrics to keep, a,b; * matches' })
      .option('set', { type: 'string', array: true, describe: 'override a key in every point' })
      .option('seed', { type: 'string', coerce: parseSeed, describe: 'override the scenario (base) seed' })
      .option('seeds', {
        choices: ['derived', 'shared'] as const,
        describe: 'a seed per point from its overrides, or the base seed for all',
      })
      .option('fresh', {
        type: 'boolean',
        default: false,
        describe: 'delete the points of another sweep in --out',
      })
      .option('verbose', {
        type: 'boolean',
        default: false,
        describe: 'a line per finished point when stderr is not a terminal',
      })
      .example('$0 sweep scenarios/sweep-nfs.yaml --jobs 4', 'the sweep the file describes')
      .example(
        '$0 sweep scenarios/smoke.yaml --grid testbed.workers.nic=1Gbit/s,10Gbit/s --shard 0/2',
        'one half of a two-point grid',
      ),
  handler: async (args) => {
    const jobs = args.jobs ?? availableParallelism();
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const metrics = args.metrics?.split(',').map((m) => m.trim()).filter((m) => m !== '');
    const plan = planSweep(args.file, {
      sets: args.set ?? [],
      seed: args.seed,
      grid: args.grid ?? [],
      seeds: args.seeds,
    });
    const outDir = args.out ?? join('results', plan.config.name, 'sweep');

    const controller = new AbortController();
    // The exit status says which signal stopped the sweep (128 + its number).
    let stoppedBy = 130;
    const stop = (signal: NodeJS.Signals) => {
      stoppedBy = signal === 'SIGTERM' ? 143 : 130;
      controller.abort();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      const outcome = await runSweep({
        outDir,
        manifest: plan.manifest,
        points: plan.points,
        runner: plan.runner,
        jobs,
        shard,
        fresh: args.fresh,
        metrics,
        verbose: args.verbose,
        check: plan.check,
        signal: controller.signal,
        warn: (message) => process.stderr.write(`sim: sweep: warning: ${message}\n`),
      });
      const slice = shard ? ` in shard ${shard.index}/${shard.count}` : '';
      const counts = `${outcome.ran} run now, ${outcome.resumed} done before`;
      const timing = `${formatSeconds(outcome.wallSec)} wall, ${jobs} job(s)`;
      if (outcome.interrupted) {
        const done = outcome.ran + outcome.resumed;
        const kept = done > 0 ? `, kept in ${join(outDir, 'points')}` : '';
        process.stderr.write(`sim: sweep ${plan.config.name} interrupted: ` +
          `${done} of ${outcome.selected} points${slice} done (${counts})${kept}; ` +
          'rerun the same command to resume\n');
        process.exitCode = stoppedBy;
        return;
      }
      process.stdout.write(`sweep ${plan.config.name}: ${outcome.selected} of ` +
        `${plan.points.length} points${slice} (${counts}), ${timing}\n`);
      const tables = outcome.tables.join(', ');
      process.stdout.write(`results: ${tables} (${outcome.rows} rows)\n`);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};


