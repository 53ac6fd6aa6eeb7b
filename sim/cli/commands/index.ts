/** Every `sim` subcommand, in the order `sim --help` lists them. */
import type { CommandModule } from 'yargs';

export const commands: CommandModule<any, any>[] = [];
