import { BindRefusedError } from '../server/bind-policy';
import { DataDirError } from '../services/data-dir';
import { createLogger } from '../logger';
import { processIo } from './io';
import { CliExit } from './load-router';
import { createProgram } from './program';

const log = createLogger('cli');

/** Errors a person can act on are printed plainly; anything else is logged. */
function report(error: unknown): number {
  if (error instanceof CliExit) return error.exitCode;
  if (error instanceof BindRefusedError || error instanceof DataDirError) {
    processIo.err(`homelane: ${error.message}\n`);
    return 2;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    processIo.err(`homelane: cannot listen: ${(error as Error).message}\n`);
    return 2;
  }
  log.error({ err: error }, 'command failed');
  processIo.err(`homelane: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

createProgram(processIo)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = report(error);
  });
