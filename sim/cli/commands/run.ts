/**
 * `sim run FILE`: run a scenario, print its summary, write its results.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../errors.ts';
import { progressBar } from '../progress.ts';
import { runScenario } from '../../../models/pipeline.ts';
import { printSummary } from '../../../models/report/print.ts';
import { writeResults } from '../../../models/report/write-results.ts';
import { loadScenario } from '../../../models/scenario/load.ts';

interface RunArgs {
  file: string;
  out?: string;
  seed?: number;
  set?: string | string[];
  verbose?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe: 'run a scenario and write its results',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
      .option('out', { type: 'string', describe: 'results folder (default results/<scenario name>)' })
      .option('seed', { type: 'string', coerce: parseSeed, describe: 'override the scenario seed' })
      // One value per --set (repeat the flag), so a file after it is not swallowed.
      .option('set', { type: 'string', nargs: 1, describe: 'override a key: --set key.path=value (repeatable)' })
      .option('verbose', { type: 'boolean', default: false, describe: 'report what the engine did' }),
  handler: async (args) => {
    const config = loadScenario(args.file, { sets: asList(args.set), seed: args.seed });
    const bar = progressBar(`${config.name} |{bar}| {value}/{total} containers ready | {duration_formatted}`);
    let result;
    try {
      result = runScenario(config, { progress: bar ? (ready, total) => bar.update(ready, total) : undefined });
    } finally {
      bar?.stop();
    }
    const outDir = args.out ?? join('results', config.name);
    const written = await writeResults(outDir, result);
    process.stdout.write(printSummary(result));
    process.stdout.write(`results: ${written.files.map((f) => join(outDir, f)).join(', ')}\n`);
    if (args.verbose) {
      const rate = result.wallSec > 0 ? Math.round(result.events / result.wallSec) : 0;
      process.stderr.write(
        `engine: ${result.events} events, ${result.simTimeSec.toFixed(3)} s simulated, ` +
          `${result.wallSec.toFixed(3)} s wall (${rate} events/s)\n`,
      );
    }
  },
};

/** Values of a repeatable option: yargs gives one string, or an array when repeated. */
/**
 * An integer option from its text, within [min, max]; otherwise an input
 * error naming the flag and quoting what was typed.
 */
export function integerOption(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new InputError('', { key: flag }, {
      expected: `an integer from ${min} to ${max}`,
      found: JSON.stringify(text),
    });
  }
  return value;
}

/** `--seed TEXT`: the seed of every random stream. */
export function parseSeed(text: string): number {
  return integerOption('--seed', text, 0);
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
