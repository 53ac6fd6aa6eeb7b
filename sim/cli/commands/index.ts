/** Every `sim` subcommand, in the order `sim --help` lists them. */
import type { CommandModule } from 'yargs';
import { chartCommand } from './chart.ts';

export const commands: CommandModule<any, any>[] = [
  chartCommand,
];
