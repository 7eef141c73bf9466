import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createLogger } from '../logger';
import { assertBindAllowed } from '../server/bind-policy';
import { createServer } from '../server/create-server';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import { closeServiceContext, createServiceContext } from '../services/create-context';
import { ProfileError, loadProfile } from '../services/default-profile';
import type { LoadedProfile } from '../services/default-profile';
import { createHandlers } from '../services/handlers';
import { createHeadlessSecretStore } from '../secrets/layered-secret-store';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { cloudEscalationOption } from './privacy-options';

const log = createLogger('serve');

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8801;

export interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  cloudEscalation: CloudEscalation;
  /** The routing profile; Homelane's privacy recipe when absent. */
  config?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(
      'a port is a whole number from 0 to 65535 (0 picks a free one).',
    );
  }
  return port;
}

/** The built renderer sits beside the built CLI: out/main/cli.js -> out/renderer. */
function builtRendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}

export async function runServe(options: ServeOptions, io: CliIo): Promise<void> {
  assertBindAllowed(options.host);
  const dataDir = prepareDataDir(options.dataDir ?? defaultDataDir());
  let profile: LoadedProfile;
  try {
    profile = await loadProfile(options.config);
  } catch (error) {
    if (error instanceof ProfileError) {
      io.err(`homelane serve: ${error.message}\n`);
      throw new CliExit(1);
    }
    throw error;
  }
  const context = await createServiceContext({
    runtime: 'server',
    dataDir,
    secrets: createHeadlessSecretStore(dataDir),
    cloudEscalation: options.cloudEscalation,
    profile,
  });
  const handlers = createHandlers(context);
  const app = await createServer({
    handlers,
    rendererDir: builtRendererDir(),
    events: context.events,
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}/`;
  io.out(
    `Homelane is serving on ${url}\n` +
      `  web dashboard  ${url}\n  health         ${url}health\n  data folder    ${dataDir}\n` +
      `  profile        ${profile.info.name} (${profile.info.source})\n`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // Running chat turns are stopped and stored (new ones refused), then the server closes.
    closeServiceContext(context)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the router headless: the HTTP API and the web dashboard.')
    .option('--host <host>', 'address to listen on (loopback only for now)', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option('--data-dir <dir>', 'folder for settings, the database and models')
    .addOption(cloudEscalationOption())
    .option('-c, --config <file>', "the routing profile (default: Homelane's privacy recipe)")
    .action((options: ServeOptions) => runServe(options, io));
}
