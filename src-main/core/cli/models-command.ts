import { resolve } from 'node:path';
import type { Command, CommanderError } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CatalogEntry } from '../ml/catalog/model-catalog';
import { findCatalogEntry, shippedModelCatalog } from '../ml/catalog/model-catalog';
import { ModelDownloadError } from '../ml/download/download-error';
import {
  HubEndpointError,
  normalizeEndpoint,
  resolveHubSettings,
} from '../ml/download/hub-settings';
import type { HubSettings } from '../ml/download/hub-settings';
import { listInstalledModels, removeInstalledModel } from '../ml/download/installed-models';
import { installDir, modelsDir } from '../ml/download/model-paths';
import { pullModel } from '../ml/download/pull-model';
import { verifyInstalledModel } from '../ml/download/verify-installed';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { formatModelList, formatVerifyResult, modelListRows } from './models-report';
import { createPullReporter } from './pull-progress';

// `homelane models list | pull <id> | verify [id] | remove <id>`: install and
// check the on-device routing models. Only `pull` uses the network. Exit
// codes: 0 ok, 1 failure (message on stderr), 2 usage error.

export interface ModelsOptions {
  dataDir?: string;
  json?: boolean;
  endpoint?: string;
}

export interface ModelsEnv {
  /** Whether stderr is a terminal (progress bar vs plain lines). */
  stderrIsTty?: () => boolean;
  env?: Record<string, string | undefined>;
}

const dataDirOf = (options: ModelsOptions) => resolve(options.dataDir ?? defaultDataDir());

function usage(io: CliIo, command: string, message: string): never {
  io.err(`homelane models ${command}: ${message}\n`);
  throw new CliExit(2);
}

function catalogEntryOrExit(id: string, io: CliIo, command: string): CatalogEntry {
  const catalog = shippedModelCatalog();
  const entry = findCatalogEntry(catalog, id);
  if (entry) return entry;
  return usage(
    io,
    command,
    `no model "${id}" in the catalog; the models are ${catalog.models.map((m) => m.id).join(', ')}`,
  );
}

export async function runModelsList(options: ModelsOptions, io: CliIo): Promise<void> {
  const dataDir = dataDirOf(options);
  const rows = modelListRows(shippedModelCatalog(), await listInstalledModels(dataDir));
  io.out(
    options.json
      ? `${JSON.stringify({ data_dir: dataDir, models: rows }, null, 2)}\n`
      : formatModelList(rows, modelsDir(dataDir)),
  );
}

export async function runModelsPull(
  id: string,
  options: ModelsOptions,
  io: CliIo,
  env: ModelsEnv = {},
): Promise<void> {
  const entry = catalogEntryOrExit(id, io, 'pull');
  let hub: HubSettings;
  try {
    hub = resolveHubSettings({ endpoint: options.endpoint, env: env.env });
  } catch (error) {
    if (error instanceof HubEndpointError) usage(io, 'pull', `HF_ENDPOINT: ${error.message}`);
    throw error;
  }
  const dataDir = prepareDataDir(dataDirOf(options));
  const tty = env.stderrIsTty ? env.stderrIsTty() : process.stderr.isTTY === true;
  const reporter = createPullReporter((text) => io.err(text), { tty });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await pullModel({
      dataDir,
      entry,
      hub,
      signal: controller.signal,
      onEvent: (event) => reporter.onEvent(event),
    });
  } catch (error) {
    reporter.finish();
    if (error instanceof ModelDownloadError) {
      io.err(`homelane models pull: ${error.message} [${error.code}]\n`);
      throw new CliExit(1);
    }
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export async function runModelsVerify(
  id: string | undefined,
  options: ModelsOptions,
  io: CliIo,
): Promise<void> {
  const dataDir = dataDirOf(options);
  const installed = await listInstalledModels(dataDir);
  let ids = installed.map((model) => model.id);
  if (id !== undefined) {
    if (!ids.includes(id)) {
      if (!findCatalogEntry(shippedModelCatalog(), id)) catalogEntryOrExit(id, io, 'verify');
      io.err(`homelane models verify: ${id} is not installed in ${modelsDir(dataDir)}\n`);
      throw new CliExit(1);
    }
    ids = [id];
  }
  const results = [];
  for (const model of ids) {
    const result = await verifyInstalledModel(dataDir, model);
    results.push(result);
    if (!options.json) io.out(formatVerifyResult(result));
  }
  const ok = results.every((result) => result.ok);
  if (options.json) io.out(`${JSON.stringify({ ok, models: results }, null, 2)}\n`);
  else if (results.length === 0) io.out(`no models installed in ${modelsDir(dataDir)}\n`);
  if (!ok) throw new CliExit(1);
}

export async function runModelsRemove(
  id: string,
  options: ModelsOptions,
  io: CliIo,
): Promise<void> {
  const dataDir = dataDirOf(options);
  const installed = (await listInstalledModels(dataDir)).some((model) => model.id === id);
  if (!installed && !findCatalogEntry(shippedModelCatalog(), id))
    catalogEntryOrExit(id, io, 'remove');
  if (!(await removeInstalledModel(dataDir, id))) {
    io.err(`homelane models remove: ${id} is not installed in ${modelsDir(dataDir)}\n`);
    throw new CliExit(1);
  }
  io.out(`removed ${id} from ${installDir(dataDir, id)}\n`);
}

function parseEndpoint(value: string): string {
  try {
    return normalizeEndpoint(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Commander's own usage errors (missing argument, bad option) exit 2; help exits 0. */
function usageExit(error: CommanderError): never {
  throw new CliExit(error.exitCode === 0 ? 0 : 2);
}

export function addModelsCommand(program: Command, io: CliIo, env: ModelsEnv = {}): void {
  const models = program
    .command('models')
    .description('Install and check the on-device routing models (downloaded from Hugging Face).')
    .exitOverride(usageExit);
  const dataDirHelp = 'folder for settings, the database and models (default: as `serve`)';
  models
    .command('list')
    .description('List the catalog models and which are installed (works offline).')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--json', 'print JSON')
    .action((options: ModelsOptions) => runModelsList(options, io));
  models
    .command('pull')
    .description('Download a model, verify it and install it; an interrupted pull resumes.')
    .argument('<id>', 'catalog model id, e.g. embedding')
    .option(
      '--endpoint <url>',
      'Hugging Face endpoint or mirror (default: HF_ENDPOINT, else https://huggingface.co)',
      parseEndpoint,
    )
    .option('--data-dir <dir>', dataDirHelp)
    .action((id: string, options: ModelsOptions) => runModelsPull(id, options, io, env));
  models
    .command('verify')
    .description('Re-hash installed model files against their manifests (works offline).')
    .argument('[id]', 'one model (default: all installed)')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--json', 'print JSON')
    .action((id: string | undefined, options: ModelsOptions) => runModelsVerify(id, options, io));
  models
    .command('remove')
    .description('Delete an installed model (and any unfinished pull of it).')
    .argument('<id>', 'model id')
    .option('--data-dir <dir>', dataDirHelp)
    .action((id: string, options: ModelsOptions) => runModelsRemove(id, options, io));
}
