import { resolve } from 'node:path';
import type { Command, CommanderError } from 'commander';
import { FileSecretStore } from '../secrets/file-secret-store';
import { SecretStoreError, assertSecretName } from '../secrets/secret-store';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import type { CliIo } from './io';
import { CliExit } from './load-router';

// `homelane secrets list | set NAME | remove NAME`: the API keys headless
// Homelane reads from `secrets.json` (mode 0600) in the data folder. `set`
// takes the value from stdin, never from the command line, so it stays out of
// shell history and process lists. An environment variable of the same name
// wins over the file. Exit codes: 0 ok, 1 failure, 2 usage error.

export interface SecretsOptions {
  dataDir?: string;
  json?: boolean;
}

export interface SecretsEnv {
  /** The whole of stdin (default: process.stdin, at most 1 MiB). */
  readStdin?: () => Promise<string>;
  /** Whether stdin is a terminal (a prompt is printed then). */
  stdinIsTty?: () => boolean;
  /** Checked for variables that override stored secrets (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

const MAX_STDIN_BYTES = 1024 * 1024;

/** Reads a stream to its end as UTF-8; fails past `limit` bytes. */
export async function readStream(
  stream: AsyncIterable<Buffer | string>,
  limit = MAX_STDIN_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) throw new Error(`stdin holds more than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The value `set` stores: stdin without one trailing line break. */
export function valueFromStdin(text: string): string {
  return text.replace(/\r?\n$/, '');
}

const storeOf = (options: SecretsOptions) =>
  new FileSecretStore(resolve(options.dataDir ?? defaultDataDir()));

const envOf = (env: SecretsEnv) => env.env ?? process.env;

function isSetIn(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const value: unknown = env[name];
  return typeof value === 'string' && value.trim() !== '';
}

function usage(io: CliIo, command: string, message: string): never {
  io.err(`homelane secrets ${command}: ${message}\n`);
  throw new CliExit(2);
}

/** Prints a store error and exits: 2 for a bad name or value, else 1. */
function storeFailure(io: CliIo, command: string, error: unknown): never {
  if (!(error instanceof SecretStoreError)) throw error;
  io.err(`homelane secrets ${command}: ${error.message} [${error.code}]\n`);
  throw new CliExit(error.code === 'invalid_name' || error.code === 'invalid_value' ? 2 : 1);
}

function checkName(io: CliIo, command: string, name: string): void {
  try {
    assertSecretName(name);
  } catch (error) {
    storeFailure(io, command, error);
  }
}

export async function runSecretsList(
  options: SecretsOptions,
  io: CliIo,
  env: SecretsEnv = {},
): Promise<void> {
  const store = storeOf(options);
  let names: string[];
  try {
    names = await store.list();
  } catch (error) {
    storeFailure(io, 'list', error);
  }
  const vars = envOf(env);
  const rows = names.map((name) => ({ name, overridden_by_env: isSetIn(vars, name) }));
  if (options.json) {
    io.out(`${JSON.stringify({ file: store.path, secrets: rows }, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.out(`no secrets stored in ${store.path}\n`);
    return;
  }
  for (const row of rows)
    io.out(
      row.overridden_by_env
        ? `${row.name}  (the environment variable ${row.name} overrides it)\n`
        : `${row.name}\n`,
    );
}

export async function runSecretsSet(
  name: string,
  options: SecretsOptions,
  io: CliIo,
  env: SecretsEnv = {},
): Promise<void> {
  checkName(io, 'set', name);
  const tty = env.stdinIsTty ? env.stdinIsTty() : process.stdin.isTTY === true;
  if (tty)
    io.err(
      `Type or paste the value of ${name}, then press Enter and Ctrl-D ` +
        '(it shows as you type; pipe it in to avoid that):\n',
    );
  let text: string;
  try {
    text = await (env.readStdin ?? (() => readStream(process.stdin)))();
  } catch (error) {
    io.err(`homelane secrets set: cannot read stdin: ${(error as Error).message}\n`);
    throw new CliExit(1);
  }
  const value = valueFromStdin(text);
  if (value.trim() === '')
    usage(io, 'set', `no value on stdin; pipe it in, e.g. homelane secrets set ${name} < key.txt`);
  const store = new FileSecretStore(prepareDataDir(resolve(options.dataDir ?? defaultDataDir())));
  try {
    await store.set(name, value);
  } catch (error) {
    storeFailure(io, 'set', error);
  }
  io.out(`stored ${name} in ${store.path}\n`);
  if (isSetIn(envOf(env), name))
    io.err(
      `note: the environment variable ${name} is set and is used instead of the stored value\n`,
    );
}

export async function runSecretsRemove(
  name: string,
  options: SecretsOptions,
  io: CliIo,
  env: SecretsEnv = {},
): Promise<void> {
  checkName(io, 'remove', name);
  const store = storeOf(options);
  let removed: boolean;
  try {
    removed = await store.delete(name);
  } catch (error) {
    storeFailure(io, 'remove', error);
  }
  const fromEnv = isSetIn(envOf(env), name);
  if (!removed) {
    io.err(
      `homelane secrets remove: no secret ${name} in ${store.path}` +
        (fromEnv ? ` (it comes from the environment variable ${name}; unset it there)\n` : '\n'),
    );
    throw new CliExit(1);
  }
  io.out(`removed ${name} from ${store.path}\n`);
  if (fromEnv) io.err(`note: the environment variable ${name} is still set and still used\n`);
}

/** Commander's own usage errors (missing argument, bad option) exit 2; help exits 0. */
function usageExit(error: CommanderError): never {
  throw new CliExit(error.exitCode === 0 ? 0 : 2);
}

export function addSecretsCommand(program: Command, io: CliIo, env: SecretsEnv = {}): void {
  const secrets = program
    .command('secrets')
    .description(
      'Manage the API keys headless Homelane uses (a private file in the data folder; ' +
        'an environment variable of the same name wins).',
    )
    .exitOverride(usageExit);
  const dataDirHelp = 'folder for settings, the database and models (default: as `serve`)';
  secrets
    .command('list')
    .description('List the names of the stored secrets (never their values).')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--json', 'print JSON')
    .action((options: SecretsOptions) => runSecretsList(options, io, env));
  secrets
    .command('set')
    .description(
      'Store a secret, reading its value from stdin (e.g. homelane secrets set OPENAI_API_KEY < key.txt).',
    )
    .argument('<name>', 'secret name, e.g. OPENAI_API_KEY (as in api_key_env)')
    .option('--data-dir <dir>', dataDirHelp)
    .action((name: string, options: SecretsOptions) => runSecretsSet(name, options, io, env));
  secrets
    .command('remove')
    .description('Delete a stored secret.')
    .argument('<name>', 'secret name')
    .option('--data-dir <dir>', dataDirHelp)
    .action((name: string, options: SecretsOptions) => runSecretsRemove(name, options, io, env));
}
