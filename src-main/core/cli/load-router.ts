import { formatDiagnostic } from '../config/diagnostics';
import { loadConfigFile } from '../config/load';
import { Router } from '../router/router';
import type { CliIo } from './io';

/** Raised after the problems were printed; the command exits with `exitCode`. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

/**
 * Loads a config for a command: prints every diagnostic to stderr and stops
 * with exit 1 on errors. Routing runs in lite mode until routing models are
 * installed (model signals report `unavailable`).
 */
export async function loadRouter(file: string, io: CliIo): Promise<Router> {
  const result = await loadConfigFile(file);
  for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!result.config) throw new CliExit(1);
  return Router.create(result.config);
}
