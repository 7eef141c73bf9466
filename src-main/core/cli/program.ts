import { Command } from 'commander';
import { APP_VERSION } from '../version';
import type { CliIo } from './io';
import { addServeCommand } from './serve-command';

/** The `homelane` command and its subcommands. */
export function createProgram(io: CliIo): Command {
  const program = new Command('homelane')
    .description(
      'Homelane: a local-first AI app whose semantic router keeps private work on your machine.',
    )
    .version(APP_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  addServeCommand(program, io);
  return program;
}
