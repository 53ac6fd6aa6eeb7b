/** `sim validate FILE`: check a scenario without running it. */
import type { CommandModule } from 'yargs';
import { buildImages } from '../../../models/pipeline.ts';
import { loadScenario } from '../../../models/scenario/load.ts';
import { planSweep } from '../../../models/sweep/plan.ts';
import { asList } from './run.ts';

interface ValidateArgs {
  file: string;
  set?: string | string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'check a scenario file without running it',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
      .option('set', { type: 'string', nargs: 1, describe: 'override a key: --set key.path=value (repeatable)' }),
  handler: (args) => {
    const config = loadScenario(args.file, { sets: asList(args.set) });
    const images = buildImages(config);
    // Every point of the file's sweep section must load too.
    const sweep = planSweep(args.file, { sets: asList(args.set) });
    const hasSweep = sweep.manifest.parameters.length > 0;
    if (hasSweep) for (const point of sweep.points) sweep.check(point);
    process.stdout.write(
      `${args.file}: valid (${config.drivers.length} driver(s), ${images.length} image(s), ` +
        `arrivals ${config.arrivals.pattern}` +
        `${hasSweep ? `, ${sweep.points.length} sweep point(s)` : ''})\n`,
    );
  },
};
