import { Command } from 'commander';
import { APP_VERSION } from '../version';
import type { CliIo } from './io';
import { addChatCommand } from './chat-command';
import { addLanesCommand } from './lanes-command';
import { addMemoryCommand } from './memory-command';
import { addModelsCommand } from './models-command';
import { addProbeCommand } from './probe-command';
import { addReplayCommand } from './replay-command';
import { addRouteCommand } from './route-command';
import { addSecretsCommand } from './secrets-command';
import { addServeCommand } from './serve-command';
import { addValidateCommand } from './validate-command';
import { addDslCommands } from './dsl-command';
import { addExportCommand } from './export-command';

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
  addValidateCommand(program, io);
  addDslCommands(program, io);
  addExportCommand(program, io);
  addRouteCommand(program, io);
  addProbeCommand(program, io);
  addServeCommand(program, io);
  addModelsCommand(program, io);
  addLanesCommand(program, io);
  addChatCommand(program, io);
  addMemoryCommand(program, io);
  addReplayCommand(program, io);
  addSecretsCommand(program, io);
  return program;
}
