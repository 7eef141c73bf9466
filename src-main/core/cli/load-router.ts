import { formatDiagnostic } from '../config/diagnostics';
import type { RouterConfig } from '../config/router-config';
import { loadPolicyFile } from '../dsl/policy-source';
import { Router } from '../router/router';
import { defaultDataDir } from '../services/data-dir';
import type { CliIo } from './io';

export interface RouterLoadOptions {
  /** Where installed models live (default: the app's data folder). */
  dataDir?: string;
  /** Route without models even if some are installed. */
  lite?: boolean;
}

/** Raised after the problems were printed; the command exits with `exitCode`. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

/**
 * Loads a policy (YAML or DSL) for a command: prints every diagnostic to
 * stderr and stops with exit 1 on errors; then opens the installed models
 * the config's signals need (see `routerFor`).
 */
export async function loadRouter(
  file: string,
  io: CliIo,
  options: RouterLoadOptions = {},
): Promise<Router> {
  const result = await loadPolicyFile(file);
  for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!result.config) throw new CliExit(1);
  return routerFor(result.config, io, options);
}

/**
 * A router for a loaded config with the installed models its signals need.
 * Families whose model is not installed report `unavailable` (lite mode); a
 * model that fails to load is reported on stderr.
 */
export async function routerFor(
  config: RouterConfig,
  io: CliIo,
  options: RouterLoadOptions = {},
): Promise<Router> {
  if (options.lite) return Router.create(config);
  const { loadMlRuntime } = await import('../ml/runtime/load-ml-runtime');
  const loaded = await loadMlRuntime(options.dataDir ?? defaultDataDir(), config);
  for (const model of loaded.models) {
    if (model.status === 'error')
      io.err(`homelane: the ${model.role} model could not be loaded: ${model.reason}\n`);
  }
  const { loadKnowledgeBases } = await import('../ml/knowledge-bases');
  const kbs = loadKnowledgeBases(config);
  const router = await Router.create(config, { ml: loaded.ml, kbs });
  loaded.candidateCache?.seal();
  return router;
}

/** The model options of a command's flags. */
export function routerOptions(options: { dataDir?: string; lite?: boolean }): RouterLoadOptions {
  return {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.lite ? { lite: true } : {}),
  };
}
