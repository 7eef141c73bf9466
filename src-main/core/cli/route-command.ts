import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { RoutingRequest } from '../router/request';
import { RoutingError } from '../router/resolve-route';
import { formatTrace } from './format-trace';
import type { CloudEscalation } from '../privacy/egress-guard';
import { routePrivately } from '../privacy/route-privately';
import type { PrivateRouteContext } from '../privacy/route-privately';
import type { CliIo } from './io';
import { lanesContext } from './lanes-context';
import { cloudEscalationOption } from './privacy-options';
import { CliExit, loadRouter, routerOptions } from './load-router';
import { BatchLineSchema, MessagesFileSchema, describeZodError, toRequest } from './route-input';

export interface RouteOptions {
  config: string;
  messages?: string;
  batch?: string;
  model?: string;
  json?: boolean;
  dataDir?: string;
  lite?: boolean;
  cloudEscalation?: CloudEscalation;
}

export async function runRoute(
  text: string | undefined,
  options: RouteOptions,
  io: CliIo,
): Promise<void> {
  const loaded = await loadRouter(options.config, io, routerOptions(options));
  const lanes = await lanesContext(options, io, process.env, loaded.config);
  const router: PrivateRouteContext = {
    router: loaded,
    lanes: lanes.lanes,
    privacy: { cloudEscalation: options.cloudEscalation ?? 'allow' },
  };
  if (options.batch) {
    await routeBatch(router, options.batch, io);
    return;
  }
  const request: RoutingRequest = options.model ? { model: options.model } : {};
  if (options.messages) request.messages = await readMessages(options.messages, io);
  if (text !== undefined) request.text = text;
  if (!request.messages && request.text === undefined) {
    io.err(
      'homelane route: give the prompt as TEXT, or --messages FILE.json, or --batch FILE.jsonl\n',
    );
    throw new CliExit(2);
  }
  const trace = await routeOrExit(router, request, io);
  io.out(options.json ? `${JSON.stringify(trace, null, 2)}\n` : formatTrace(trace));
}

async function routeOrExit(router: PrivateRouteContext, request: RoutingRequest, io: CliIo) {
  try {
    return (await routePrivately(router, request, { evaluateAll: true })).trace;
  } catch (error) {
    if (error instanceof RoutingError) {
      io.err(`homelane route: ${error.message}\n`);
      throw new CliExit(1);
    }
    throw error;
  }
}

async function readMessages(
  file: string,
  io: CliIo,
): Promise<NonNullable<RoutingRequest['messages']>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: not a JSON file of messages: ${(error as Error).message}\n`);
    throw new CliExit(1);
  }
  const parsed = MessagesFileSchema.safeParse(value);
  if (!parsed.success) {
    io.err(
      `${file}: expected a list of {role, content} messages (or {"messages": [...]}): ${describeZodError(parsed.error)}\n`,
    );
    throw new CliExit(1);
  }
  return parsed.data as NonNullable<RoutingRequest['messages']>;
}

/**
 * One JSON trace per input line, in input order, each echoing the line's
 * id. A bad line gets an error object on its output line and the run goes
 * on; the exit code is 1 if any line failed.
 */
async function routeBatch(router: PrivateRouteContext, file: string, io: CliIo): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      if (raw.trim() === '') continue;
      const result = await routeLine(router, raw, `${file}:${lineNumber}`);
      if ('error' in result) failed++;
      io.out(`${JSON.stringify(result)}\n`);
    }
  } catch (error) {
    io.err(`${file}: ${(error as Error).message}\n`);
    throw new CliExit(1);
  }
  if (failed > 0) {
    io.err(`${failed} of the batch's requests could not be routed\n`);
    throw new CliExit(1);
  }
}

async function routeLine(router: PrivateRouteContext, raw: string, where: string): Promise<object> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return {
      id: null,
      error: { code: 'invalid_json', message: `${where}: ${(error as Error).message}` },
    };
  }
  const parsed = BatchLineSchema.safeParse(value);
  const id = (value as { id?: unknown } | null)?.id ?? null;
  if (!parsed.success)
    return {
      id,
      error: { code: 'invalid_input', message: `${where}: ${describeZodError(parsed.error)}` },
    };
  try {
    const { trace } = await routePrivately(router, toRequest(parsed.data), { evaluateAll: true });
    return { ...trace, id: String(parsed.data.id) };
  } catch (error) {
    const code = error instanceof RoutingError ? error.code : 'internal';
    return { id, error: { code, message: `${where}: ${(error as Error).message}` } };
  }
}

export function addRouteCommand(program: Command, io: CliIo): void {
  program
    .command('route')
    .description(
      'Route a prompt (or a conversation, or a JSONL batch) without generating, and print the trace.',
    )
    .argument('[text]', 'the prompt to route')
    .requiredOption('-c, --config <file>', 'v0.3 config.yaml')
    .option('--messages <file>', 'a JSON file of OpenAI-style messages')
    .option('--batch <file>', 'a JSONL file: one {id, text | messages, tools?, metadata?} per line')
    .option('--model <name>', 'the requested model (default: the first auto model name)')
    .option('--json', 'print the full trace as JSON')
    .option(
      '--data-dir <dir>',
      'where installed routing models live (default: the app data folder)',
    )
    .option('--lite', 'route without routing models even if some are installed')
    .addOption(cloudEscalationOption())
    .action((text: string | undefined, options: RouteOptions) => runRoute(text, options, io));
}
