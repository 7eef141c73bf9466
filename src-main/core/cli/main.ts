import { existsSync } from 'node:fs';
import { BindRefusedError } from '../server/bind-policy';
import { DataDirError } from '../services/data-dir';
import { createLogger } from '../logger';
import { configureInferenceWorker } from '../ml/runtime/inference-worker-location';
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

// The build writes the inference worker beside this entry (electron.vite.config.ts);
// run from sources, the worker's TypeScript source is used instead.
const inferenceWorker = new URL('./inference-worker.js', import.meta.url);
if (existsSync(inferenceWorker)) configureInferenceWorker(inferenceWorker);

createProgram(processIo)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = report(error);
  });
