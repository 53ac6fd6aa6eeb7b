/** `sim validate FILE`: check a scenario without running it. */
import type { CommandModule } from 'yargs';
import { buildImages } from '../../../models/pipeline.ts';
import { loadScenario } from '../../../models/scenario/load.ts';
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
    process.stdout.write(
      `${args.file}: valid (${config.drivers.length} driver(s), ${images.length} image(s), ` +
        `arrivals ${config.arrivals.pattern})\n`,
    );
  },
};
