/**
 * `sim merge DIR... --out DIR`: combine the folders of a sharded sweep
 * (one per job of a Kubernetes Indexed Job or Slurm array) into one.
 */
import type { CommandModule } from 'yargs';
import { formatIds, mergeSweeps } from '../../sweep/merge.ts';

interface MergeArgs {
  dirs: string[];
  out: string;
  metrics?: string;
  'allow-missing'?: boolean;
  fresh?: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'combine the result folders of a sharded sweep',
  builder: (y) =>
    y
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'the shard folders',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'merged folder' })
      .option('metrics', { type: 'string', describe: 'metrics to keep, a,b; * matches' })
      .option('allow-missing', {
        type: 'boolean',
        default: false,
        describe: 'write the tables even if points are missing',
      })
      .option('fresh', {
        type: 'boolean',
        default: false,
        describe: 'delete the points of another sweep in --out',
      })
      .example('$0 merge results/sweep-nfs/shard-* --out results/sweep-nfs/all', 'all shards'),
  handler: (args) => {
    const outcome = mergeSweeps({
      dirs: args.dirs,
      outDir: args.out,
      allowMissing: args['allow-missing'],
      fresh: args.fresh,
      metrics: args.metrics?.split(',').map((m) => m.trim()).filter((m) => m !== ''),
    });
    const { manifest, missing } = outcome;
    process.stdout.write(`merged sweep ${manifest.scenario}: ${outcome.points} of ` +
      `${manifest.points} points from ${args.dirs.length} folder(s)\n`);
    if (missing.length > 0) {
      const ids = formatIds(missing);
      process.stderr.write(`sim: warning: ${missing.length} point(s) missing: ${ids}\n`);
    }
    const tables = outcome.tables.join(', ');
    process.stdout.write(`results: ${tables} (${outcome.rows} rows)\n`);
  },
};
