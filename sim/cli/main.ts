/**
 * The `sim` command line. Each subcommand lives in its own module under
 * `commands/`; this file only wires them together and turns the project's
 * input errors into a clear message and exit status 2.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError, SimulationError } from '../errors.ts';
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  let cli = yargs(argv)
    .scriptName('sim')
    .usage('$0 <command> [options]\n\nSimulate container image distribution: Docker/AUFS, Slacker, lazy pull.')
    .strict()
    .demandCommand(1, 'name a command, e.g. `sim run scenarios/hellobench.yaml`')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg ?? 'invalid command line', { key: 'command line' });
    })
    .example('$0 run scenarios/hellobench.yaml', 'compare AUFS and Slacker on the 57 HelloBench images')
    .example('$0 run scenarios/smoke.yaml --seed 7 --set workload.images=[redis]', 'override the seed and a key')
    .example('$0 validate scenarios/flash-crowd.yaml', 'check a scenario without running it')
    .help()
    .version();
  for (const command of commands) cli = cli.command(command as any);
  try {
    await cli.parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    return reportError(error);
  }
}

/** Prints an error for a person and returns the exit status. */
export function reportError(error: unknown): number {
  if (error instanceof InputError) {
    process.stderr.write(`sim: ${error.message}\n`);
    return 2;
  }
  if (error instanceof SimulationError) {
    process.stderr.write(`sim: simulation stopped: ${error.message}\n`);
    return 3;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`sim: internal error (please report it): ${text}\n`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('sim/cli/main.ts')) {
  main(hideBin(process.argv)).then((code) => {
    process.exitCode = code;
  });
}
