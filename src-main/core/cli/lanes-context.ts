import { resolve } from 'node:path';
import { formatDiagnostic } from '../config/diagnostics';
import { loadConfigFile } from '../config/load';
import type { RouterConfig } from '../config/router-config';
import type { Lane } from '../lanes/lane-registry';
import { assembleLanes } from '../lanes/lane-set';
import { LaneStore, LaneStoreError } from '../lanes/lane-store';
import type { StoredLanes } from '../lanes/lane-store';
import { createHeadlessSecretStore } from '../secrets/layered-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { defaultDataDir } from '../services/data-dir';
import type { CliIo } from './io';
import { CliExit } from './load-router';

// What every `homelane lanes` subcommand starts from: the data folder's
// lanes.json, the policy (when --config is given) and the secret store.

export interface LanesOptions {
  dataDir?: string;
  config?: string;
  json?: boolean;
}

export interface LanesContext {
  dataDir: string;
  store: LaneStore;
  stored: StoredLanes;
  config?: RouterConfig;
  lanes: Lane[];
  secrets: SecretStore;
  env: Record<string, string | undefined>;
}

export async function lanesContext(
  options: LanesOptions,
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
  preloaded?: RouterConfig,
): Promise<LanesContext> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const store = new LaneStore(dataDir);
  let stored: StoredLanes;
  try {
    stored = store.load();
  } catch (error) {
    if (error instanceof LaneStoreError) {
      io.err(`homelane lanes: ${error.message}\n`);
      throw new CliExit(1);
    }
    throw error;
  }
  let config: RouterConfig | undefined = preloaded;
  if (!config && options.config) {
    const result = await loadConfigFile(options.config);
    for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    if (!result.config) throw new CliExit(1);
    config = result.config;
  }
  const names = config
    ? [...config.models.values()].flatMap((model) =>
        (model.provider?.backend_refs ?? []).flatMap((ref) =>
          ref.api_key_env ? [ref.api_key_env] : [],
        ),
      )
    : [];
  const secrets = createHeadlessSecretStore(dataDir, env, { names });
  return {
    dataDir,
    store,
    stored,
    ...(config ? { config } : {}),
    lanes: assembleLanes(config, stored),
    secrets,
    env,
  };
}

/** Lanes a NAME picks: a lane id, an alias, or a managed lane / LAN endpoint name. */
export function lanesNamed(lanes: readonly Lane[], name: string): Lane[] {
  return lanes.filter((lane) => lane.id === name || lane.alias === name || lane.source === name);
}

export function usageExit(io: CliIo, command: string, message: string): never {
  io.err(`homelane lanes ${command}: ${message}\n`);
  throw new CliExit(2);
}

export function failExit(io: CliIo, command: string, message: string): never {
  io.err(`homelane lanes ${command}: ${message}\n`);
  throw new CliExit(1);
}
