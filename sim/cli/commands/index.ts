/** Every `sim` subcommand, in the order `sim --help` lists them. */
import type { CommandModule } from 'yargs';
import { chartCommand } from './chart.ts';
import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';
import { traceCommand } from './trace.ts';
import { sweepCommand } from './sweep.ts';
import { mergeCommand } from './merge.ts';

export const commands: CommandModule<any, any>[] = [
  runCommand,
  validateCommand,
  chartCommand,
  traceCommand,
  sweepCommand,
  mergeCommand,
];
