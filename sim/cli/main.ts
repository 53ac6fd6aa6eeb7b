/**
 * The `sim` command line. Each subcommand lives in its own module under
 * `commands/`; this file only wires them together and turns the project's
 * input errors, and yargs' own complaints, into one clear line on stderr
 * and exit status 2.
 */
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError, SimulationError } from '../errors.ts';
import { closest } from '../scenario/explain.ts';
import { commands } from './commands/index.ts';

let stdoutGuarded = false;

/** Runs `sim` with `argv` (without the node and script paths); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedStdout();
  try {
    checkCommandName(argv);
    let cli = yargs(argv)
      .scriptName('sim')
      .usage(
        '$0 <command> [options]\n\n' +
          'Simulate container image distribution: Docker/AUFS, Slacker, lazy pull.',
      )
      .strict()
      .demandCommand(1, 'name a command, e.g. `sim run scenarios/hellobench.yaml`')
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        // yargs passes a message for usage mistakes (its own or a command's
        // `check`), and only the error for a handler that threw.
        if (msg === null || msg === undefined) throw err;
        throw usageError(argv, msg);
      })
      .middleware(refuseEmptyValues)
      .example(
        '$0 run scenarios/hellobench.yaml',
        'AUFS vs Slacker on the 57 HelloBench images',
      )
      .example(
        "$0 run scenarios/smoke.yaml --seed 7 --set 'workload.images=[redis]'",
        'another seed, another image list',
      )
      .example(
        '$0 validate scenarios/flash-crowd.yaml',
        'check a scenario without running it',
      )
      .example(
        '$0 chart results/hellobench',
        'charts and an HTML report from a results folder',
      )
      .help()
      .version();
    for (const command of commands) cli = cli.command(command);
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
  const io = error as NodeJS.ErrnoException;
  if (
    io instanceof Error &&
    typeof io.path === 'string' &&
    typeof io.syscall === 'string'
  ) {
    // A path the user gave that cannot be read or written: their input, not our bug.
    process.stderr.write(
      `sim: ${io.path}: cannot ${io.syscall} (${io.code ?? io.message})\n`,
    );
    return 2;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`sim: internal error (please report it): ${text}\n`);
  return 1;
}

/**
 * `--out` with nothing after it reads as an empty string, and an empty
 * results folder means the current one: refuse it instead of writing there.
 */
function refuseEmptyValues(args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (value !== '' || key === '_' || key === '$0' || key.includes('-')) continue;
    const command =
      typeof args._ === 'object' ? String((args._ as unknown[])[0] ?? '') : '';
    throw new InputError('', command ? { key: command } : {}, {
      expected: `a value after --${key}`,
      found: 'nothing',
    });
  }
}

function names(command: CommandModule<any, any>): string[] {
  const spec = Array.isArray(command.command) ? command.command : [command.command ?? ''];
  const aliases = command.aliases === undefined ? [] : [command.aliases].flat();
  return [...spec, ...aliases].map((s) => String(s).split(' ')[0]!).filter(Boolean);
}

function commandNamed(name: string | undefined): CommandModule<any, any> | undefined {
  return name === undefined ? undefined : commands.find((c) => names(c).includes(name));
}

/** The first word that is not an option: the command the user meant. */
function commandWord(argv: string[]): string | undefined {
  return argv.find((a) => !a.startsWith('-'));
}

/** Refuses an unknown command before yargs, which would only guess at another. */
function checkCommandName(argv: string[]): void {
  const word = commandWord(argv);
  if (word === undefined || commandNamed(word)) return;
  const known = commands.flatMap((c) => names(c).slice(0, 1));
  const guess = closest(word, known);
  const hint = guess ? `did you mean "${guess}"? ` : '';
  throw new InputError(
    `unknown command ${JSON.stringify(word)} (${hint}commands: ${known.join(', ')}; ` +
      'see sim --help)',
  );
}

/** Rewords yargs' usage complaints for the command the user typed. */
function usageError(argv: string[], message: string): InputError {
  const command = commandNamed(commandWord(argv));
  const name = command ? names(command)[0] : undefined;
  const usage = command
    ? `usage: sim ${String(command.command)} [options]`
    : 'see sim --help';
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown && name) {
    const words = unknown[1]!.split(', ');
    const options = words.filter(
      (w) => argv.includes(`--${w}`) || argv.includes(`-${w}`),
    );
    const what =
      options.length > 0
        ? `unknown option --${options[0]}`
        : `unexpected argument ${JSON.stringify(words[0])}`;
    return new InputError(`${what} (${usage}; see sim ${name} --help)`, { key: name });
  }
  if (/^Not enough non-option arguments/.test(message) && command) {
    const wanted = String(command.command)
      .split(' ')
      .filter((w) => w.startsWith('<'));
    // A list option such as --set takes every word after it, the file too.
    const list = argv.some((a) => a.startsWith('--set'))
      ? '; give it before --set, which takes every word after it'
      : '';
    return new InputError(
      `missing ${wanted.join(' ') || 'an argument'} (${usage}${list})`,
      {
        key: name,
      },
    );
  }
  return new InputError(message, name ? { key: name } : {});
}

if (
  import.meta.url === `file://${process.argv[1]}` ||
  process.argv[1]?.endsWith('sim/cli/main.ts')
) {
  main(hideBin(process.argv)).then((code) => {
    process.exitCode = code;
  });
}

/** `sim run ... | head` closes our stdout early: that is not an error. */
function ignoreClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
