import type { Command } from 'commander';
import { suggestAliasMapping, validateAliasMapping } from '../lanes/alias-mapping';
import { defaultEndpointName } from '../lanes/lan-endpoint-name';
import { probeLanEndpoint, LanProbeError } from '../lanes/lan-probe';
import { checkLane, connectLanes } from '../lanes/lane-connect';
import type { LaneCheck } from '../lanes/lane-connect';
import { LaneStoreError, lanEndpointSchema } from '../lanes/lane-store';
import type { LanEndpoint } from '../lanes/lane-store';
import type { Lane } from '../lanes/lane-registry';
import { dockerEndpoint } from '../lanes/managed/docker-connection';
import { ManagedLane } from '../lanes/managed/managed-lane';
import type { ManagedLaneStatus } from '../lanes/managed/managed-lane';
import { ManagedLaneError } from '../lanes/managed/managed-lane-error';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { addManagedLaneCommands } from './lanes-managed-command';
import type { LanesContext, LanesOptions } from './lanes-context';
import { failExit, lanesContext, lanesNamed, usageExit } from './lanes-context';
import { formatLaneChecks, formatLaneList } from './lanes-report';

// `homelane lanes list | check [NAME] | add URL | forget NAME | up | down | logs`.
// Exit codes: 0 ok, 1 failure (message on stderr), 2 usage error.

export async function runLanesList(
  options: LanesOptions,
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  io.out(
    options.json
      ? `${JSON.stringify({ lanes: context.lanes }, null, 2)}\n`
      : formatLaneList(context.lanes),
  );
}

export async function runLanesCheck(
  name: string | undefined,
  options: LanesOptions & { timeout?: string },
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  const picked = name === undefined ? context.lanes : lanesNamed(context.lanes, name);
  if (name !== undefined && picked.length === 0)
    usageExit(io, 'check', `no lane, alias or endpoint is called "${name}"`);
  const timeoutMs = options.timeout === undefined ? 5000 : Number(options.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    usageExit(io, 'check', '--timeout takes seconds, e.g. 5');
  const clientOf = await connectLanes(picked, {
    connectTimeoutMs: timeoutMs,
    idleTimeoutMs: timeoutMs,
    secrets: context.secrets,
    env: context.env,
  });
  const checks: LaneCheck[] = await Promise.all(
    picked.map((lane) =>
      lane.baseUrl === undefined
        ? {
            lane_id: lane.id,
            ok: false,
            latency_ms: 0,
            code: 'unroutable',
            error: lane.unroutable ?? 'no endpoint',
          }
        : checkLane(lane, clientOf(lane)),
    ),
  );
  const containers = await managedStatuses(context, picked);
  if (options.json) {
    io.out(`${JSON.stringify({ checks, managed: containers }, null, 2)}\n`);
  } else {
    for (const entry of containers) io.out(`${formatManagedStatus(entry)}\n`);
    io.out(formatLaneChecks(checks));
  }
  if (checks.some((check) => !check.ok)) throw new CliExit(1);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export async function runLanesAdd(
  url: string,
  options: LanesOptions & {
    name?: string;
    map?: string[];
    apiKeySecret?: string;
    locality?: string;
  },
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  const apiKey = options.apiKeySecret ? await context.secrets.get(options.apiKeySecret) : undefined;
  if (options.apiKeySecret && apiKey === undefined) {
    usageExit(
      io,
      'add',
      `no secret "${options.apiKeySecret}"; store it first with "homelane secrets set ${options.apiKeySecret}"`,
    );
  }
  let probe;
  try {
    probe = await probeLanEndpoint(url, {
      connectTimeoutMs: 5000,
      idleTimeoutMs: 10_000,
      ...(apiKey !== undefined ? { apiKey } : {}),
    });
  } catch (error) {
    if (error instanceof LanProbeError) failExit(io, 'add', `${error.message} [${error.code}]`);
    throw error;
  }
  const modelIds = probe.models.map((model) => model.id);
  const aliases = context.config ? [...context.config.models.keys()] : [];
  const mapping: Record<string, string> = suggestAliasMapping(aliases, modelIds);
  for (const entry of options.map ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1)
      usageExit(io, 'add', `--map takes ALIAS=MODEL_ID, not "${entry}"`);
    mapping[entry.slice(0, at)] = entry.slice(at + 1);
  }
  const problems = validateAliasMapping(mapping, modelIds);
  if (problems.length > 0)
    usageExit(io, 'add', problems.map((problem) => problem.message).join('\n  '));
  const name = options.name ?? defaultEndpointName(probe.baseUrl);
  const candidate = {
    name,
    baseUrl: probe.baseUrl,
    kind: probe.kind,
    aliases: mapping,
    ...(options.apiKeySecret ? { apiKeySecret: options.apiKeySecret } : {}),
    ...(options.locality ? { locality: options.locality } : {}),
  };
  const parsed = lanEndpointSchema.safeParse(candidate);
  if (!parsed.success) {
    usageExit(
      io,
      'add',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const endpoint: LanEndpoint = parsed.data;
  try {
    context.store.putLan(endpoint);
  } catch (error) {
    if (error instanceof LaneStoreError) failExit(io, 'add', error.message);
    throw error;
  }
  const result = { endpoint, probe };
  if (options.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const mapped = Object.entries(mapping);
  io.out(
    [
      `Added ${name}: ${probe.kind}${probe.version ? ` ${probe.version}` : ''} at ${probe.baseUrl} (${probe.locality}, ${probe.latencyMs} ms)`,
      `Models: ${modelIds.join(', ') || 'none'}`,
      mapped.length > 0
        ? `Aliases: ${mapped.map(([alias, id]) => `${alias} → ${id}`).join(', ')}`
        : "No alias is mapped yet: add --map ALIAS=MODEL_ID (or --config FILE to match the policy's aliases).",
      '',
    ].join('\n'),
  );
}

export async function runLanesForget(
  name: string,
  options: LanesOptions,
  io: CliIo,
): Promise<void> {
  const context = await lanesContext(options, io);
  if (!context.store.remove(name))
    usageExit(io, 'forget', `no managed lane or LAN endpoint is called "${name}"`);
  io.out(
    `Forgot ${name}. (A managed lane's container, if any, was left as it is: "homelane lanes down" first to stop it.)\n`,
  );
}

export function addLanesCommand(program: Command, io: CliIo): void {
  const lanes = program
    .command('lanes')
    .description(
      "the lanes requests can take: the managed container, LAN endpoints and the policy's backends",
    );
  const common = (command: Command) =>
    command
      .option('--data-dir <dir>', "the data folder (default: the app's)")
      .option('-c, --config <file>', 'the routing policy whose lanes and aliases to use');

  common(
    lanes
      .command('list')
      .description('list every lane with its locality')
      .option('--json', 'print JSON'),
  ).action((options: LanesOptions) => runLanesList(options, io));

  common(
    lanes
      .command('check [name]')
      .description(
        'ask each lane (or those of a lane, alias or endpoint NAME) for /health and its models',
      )
      .option('--timeout <seconds>', 'per request', '5')
      .option('--json', 'print JSON'),
  ).action((name: string | undefined, options: LanesOptions & { timeout?: string }) =>
    runLanesCheck(name, options, io),
  );

  common(
    lanes
      .command('add <url>')
      .description(
        'add an OpenAI-compatible server on the LAN (vLLM, llama.cpp, Ollama, LM Studio)',
      )
      .option('--name <name>', 'what to call it (default: host-port)')
      .option('--map <alias=model>', "send ALIAS to the server's MODEL (repeatable)", collect)
      .option('--api-key-secret <name>', 'the stored secret holding its API key')
      .option('--locality <locality>', 'local, lan or cloud (default: read from the address)')
      .option('--json', 'print JSON'),
  ).action(
    (
      url: string,
      options: LanesOptions & { name?: string; map?: string[]; apiKeySecret?: string },
    ) => runLanesAdd(url, options, io),
  );

  common(
    lanes
      .command('forget <name>')
      .description('remove a LAN endpoint or managed lane from this machine'),
  ).action((name: string, options: LanesOptions) => runLanesForget(name, options, io));

  addManagedLaneCommands(lanes, io, common);
}

type ContainerReport = { name: string; status?: ManagedLaneStatus; error?: string; code?: string };

/** The container state of each managed lane among `lanes`; Docker problems are reported, not thrown. */
async function managedStatuses(
  context: LanesContext,
  lanes: readonly Lane[],
): Promise<ContainerReport[]> {
  const names = new Set(
    lanes.filter((lane) => lane.origin === 'managed').map((lane) => lane.source),
  );
  const specs = context.stored.managed.filter((spec) => names.has(spec.name));
  return Promise.all(
    specs.map(async (spec) => {
      try {
        return {
          name: spec.name,
          status: await new ManagedLane(spec, dockerEndpoint(context.env)).status(),
        };
      } catch (error) {
        if (error instanceof ManagedLaneError)
          return { name: spec.name, error: error.message, code: error.code };
        throw error;
      }
    }),
  );
}

function formatManagedStatus(entry: ContainerReport): string {
  if (!entry.status)
    return `managed ${entry.name}: ${entry.error ?? 'unknown'} [${entry.code ?? 'error'}]`;
  const { state, upToDate, containerId } = entry.status;
  const id = containerId ? ` (${containerId.slice(0, 12)})` : '';
  const stale = upToDate === false ? '; made from an older spec, "lanes up" re-makes it' : '';
  return `managed ${entry.name}: container ${state}${id}${stale}`;
}
