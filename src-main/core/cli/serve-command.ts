import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { createLogger } from '../logger';
import { assertBindAllowed } from '../server/bind-policy';
import { CorsOriginError, normalizeOrigin } from '../server/cors';
import { createServer } from '../server/create-server';
import { DEFAULT_LIMITS } from '../server/limits';
import {
  DEFAULT_SHUTDOWN_GRACE_MS,
  closeGracefully,
  interruptGracefulClose,
} from '../server/shutdown';
import { TOKEN_ENV, TokenSourceError, resolveToken } from '../server/token-source';
import type { ResolvedToken } from '../server/token-source';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import { closeServiceContext, createServiceContext } from '../services/create-context';
import { ProfileError } from '../services/default-profile';
import { loadStartupProfile } from '../services/profile-import/startup-profile';
import type { StartupProfile } from '../services/profile-import/startup-profile';
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
  cloudEscalation?: CloudEscalation;
  /** The routing profile; Homelane's privacy recipe when absent. */
  config?: string;
  token?: string;
  tokenFile?: string;
  corsOrigin: string[];
  maxBodyMb: number;
  maxConcurrent: number;
  shutdownGraceS: number;
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

function parseNumber(what: string, min: number, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (
      value.trim() === '' ||
      !Number.isFinite(n) ||
      n < min ||
      (integer && !Number.isInteger(n))
    ) {
      throw new InvalidArgumentError(`${what} is ${integer ? 'a whole' : 'a'} number >= ${min}.`);
    }
    return n;
  };
}

function collectOrigin(value: string, previous: string[]): string[] {
  try {
    return [...previous, normalizeOrigin(value)];
  } catch (error) {
    if (error instanceof CorsOriginError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** --token, --token-file or HOMELANE_TOKEN; a problem with it ends the command (exit 2). */
function tokenFor(options: ServeOptions, io: CliIo): ResolvedToken | undefined {
  try {
    return resolveToken({ token: options.token, tokenFile: options.tokenFile, env: process.env });
  } catch (error) {
    if (error instanceof TokenSourceError) {
      io.err(`homelane serve: ${error.message}\n`);
      throw new CliExit(2);
    }
    throw error;
  }
}

const TOKEN_SOURCE = { flag: '--token', file: '--token-file', env: TOKEN_ENV } as const;

function safetyBanner(options: ServeOptions, url: string, token: ResolvedToken | undefined) {
  const auth = token
    ? `  auth           token required (from ${TOKEN_SOURCE[token.source]}): ` +
      '"Authorization: Bearer <token>" or "x-api-key: <token>"\n' +
      `  dashboard      open ${url}?token=<token> once; it sets a session cookie\n`
    : '  auth           none: loopback only\n';
  const cors = options.corsOrigin.length > 0 ? options.corsOrigin.join(', ') : 'closed';
  return (
    auth +
    `  cors           ${cors}\n` +
    `  limits         ${options.maxBodyMb} MB bodies, ${options.maxConcurrent} model requests ` +
    `at a time, ${options.shutdownGraceS} s to finish on shutdown\n`
  );
}

/** The built renderer sits beside the built CLI: out/main/cli.js -> out/renderer. */
function builtRendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}

export async function runServe(options: ServeOptions, io: CliIo): Promise<void> {
  const token = tokenFor(options, io);
  assertBindAllowed(options.host, token !== undefined);
  const dataDir = prepareDataDir(options.dataDir ?? defaultDataDir());
  let startup: StartupProfile;
  try {
    // `-c FILE` wins; else the profile applied in the app; else the built-in recipe.
    startup = await loadStartupProfile(dataDir, options.config);
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
    ...(options.cloudEscalation ? { cloudEscalation: options.cloudEscalation } : {}),
    profile: startup.profile,
    // A profile read from a file is watched and reloaded when the file changes.
    ...(startup.file ? { profileFile: resolve(startup.file) } : {}),
  });
  const handlers = createHandlers(context);
  const app = await createServer({
    handlers,
    rendererDir: builtRendererDir(),
    events: context.events,
    context,
    safety: {
      token: token?.token,
      corsOrigins: options.corsOrigin,
      limits: {
        maxBodyBytes: options.maxBodyMb * 1024 * 1024,
        maxConcurrent: options.maxConcurrent,
      },
    },
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}/`;
  io.out(
    `Homelane is serving on ${url}\n` +
      `  web dashboard  ${url}\n  health         ${url}health\n  data folder    ${dataDir}\n` +
      `  profile        ${startup.profile.info.name} (${startup.profile.info.source})\n` +
      safetyBanner(options, url, token),
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      // A second signal does not wait for what is still running.
      log.warn({ signal }, 'stopping now');
      interruptGracefulClose(app);
      return;
    }
    closing = true;
    log.info({ signal, graceS: options.shutdownGraceS }, 'shutting down');
    // New requests are refused and event streams end; requests in flight get the grace
    // period. Then running chat turns are stopped and stored, and the process exits.
    closeGracefully(app, options.shutdownGraceS * 1000)
      .then(({ forced }) => {
        if (forced) log.warn('requests still running after the grace period were cut off');
        return closeServiceContext(context);
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the router headless: the HTTP API and the web dashboard.')
    .option(
      '--host <host>',
      'address to listen on; anything but loopback needs an API token',
      DEFAULT_HOST,
    )
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option(
      '--token-file <file>',
      `API token: the file's first line (a file only you can read); or set ${TOKEN_ENV}`,
    )
    .option(
      '--token <token>',
      'API token on the command line (other local users can see it; prefer --token-file)',
    )
    .addOption(
      new Option('--cors-origin <origin>', 'allow browser calls from this web origin (repeatable)')
        .argParser(collectOrigin)
        .default([], 'none'),
    )
    .option(
      '--max-body-mb <mb>',
      'largest request body in MB',
      parseNumber('--max-body-mb', 0.001, false),
      DEFAULT_LIMITS.maxBodyBytes / (1024 * 1024),
    )
    .option(
      '--max-concurrent <n>',
      'requests at a time on /v1 and /api/v1; more get 429',
      parseNumber('--max-concurrent', 1, true),
      DEFAULT_LIMITS.maxConcurrent,
    )
    .option(
      '--shutdown-grace-s <s>',
      'seconds requests in flight get to finish on shutdown',
      parseNumber('--shutdown-grace-s', 0, false),
      DEFAULT_SHUTDOWN_GRACE_MS / 1000,
    )
    .option('--data-dir <dir>', 'folder for settings, the database and models')
    .addOption(cloudEscalationOption(true))
    .option(
      '-c, --config <file>',
      "the routing profile (default: the one applied in the app, else Homelane's privacy recipe)",
    )
    .action((options: ServeOptions) => runServe(options, io));
}
