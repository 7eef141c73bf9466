import { ApiError } from '../../contract';
import type { LanesAdd, LanesForget, LanesProbe, ParsedInput } from '../../contract';
import { suggestAliasMapping, validateAliasMapping } from '../lanes/alias-mapping';
import { defaultEndpointName } from '../lanes/lan-endpoint-name';
import { LanProbeError, probeLanEndpoint } from '../lanes/lan-probe';
import type { LanProbeResult } from '../lanes/lan-probe';
import { LaneStoreError, lanEndpointSchema } from '../lanes/lane-store';
import type { ServiceContext } from './context';
import type { LanesRuntime } from './lanes-runtime';

// `lanes.probe`, `lanes.add`, `lanes.forget`: a server on the network added
// from the Lanes page as `homelane lanes add` adds it — probe the address,
// propose which of the profile's aliases maps to which served model, save
// the mapping the person confirms — and a saved lane forgotten.

const PROBE_TIMEOUTS = { connectTimeoutMs: 5000, idleTimeoutMs: 10_000 };

function runtimeOf(ctx: ServiceContext): LanesRuntime {
  if (!ctx.lanes) throw new ApiError('unavailable', 'No lanes are watched in this process.');
  return ctx.lanes;
}

async function apiKeyOf(ctx: ServiceContext, secret: string | undefined) {
  if (secret === undefined) return undefined;
  const value = await ctx.secrets?.get(secret).catch(() => undefined);
  if (value === undefined) {
    throw new ApiError(
      'invalid_input',
      `There is no key called "${secret}": add it under Settings › Keys first.`,
      { reason: 'missing_secret' },
    );
  }
  return value;
}

async function probe(
  ctx: ServiceContext,
  url: string,
  apiKeySecret: string | undefined,
): Promise<LanProbeResult> {
  const apiKey = await apiKeyOf(ctx, apiKeySecret);
  try {
    return await probeLanEndpoint(url, {
      ...PROBE_TIMEOUTS,
      ...(apiKey !== undefined ? { apiKey } : {}),
    });
  } catch (error) {
    if (!(error instanceof LanProbeError)) throw error;
    const code =
      error.code === 'invalid_url' || error.code === 'not_openai_compatible'
        ? 'invalid_input'
        : 'unavailable';
    throw new ApiError(code, error.message, {
      reason: error.code,
      ...(error.status !== undefined ? { status: error.status } : {}),
    });
  }
}

export async function probeLan(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.probe'>,
): Promise<LanesProbe> {
  const runtime = runtimeOf(ctx);
  const found = await probe(ctx, input.url, input.apiKeySecret);
  const aliases = runtime.profileAliases();
  const modelIds = found.models.map((model) => model.id);
  return {
    baseUrl: found.baseUrl,
    kind: found.kind,
    version: found.version ?? null,
    models: found.models.map((model) => ({
      id: model.id,
      contextLength: model.contextLength ?? null,
      loaded: model.loaded ?? null,
    })),
    locality: found.locality,
    evidence: found.evidence,
    latencyMs: found.latencyMs,
    suggestedName: defaultEndpointName(found.baseUrl),
    profileAliases: aliases,
    suggestedAliases: suggestAliasMapping(aliases, modelIds),
  };
}

export async function addLan(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.add'>,
): Promise<LanesAdd> {
  const runtime = runtimeOf(ctx);
  // Probed again: the mapping is checked against what the server serves now.
  const found = await probe(ctx, input.url, input.apiKeySecret);
  const problems = validateAliasMapping(
    input.aliases,
    found.models.map((model) => model.id),
  );
  if (problems.length > 0) {
    throw new ApiError('invalid_input', problems.map((problem) => problem.message).join(' '), {
      reason: 'alias_mapping',
      problems,
    });
  }
  const parsed = lanEndpointSchema.safeParse({
    name: input.name ?? defaultEndpointName(found.baseUrl),
    baseUrl: found.baseUrl,
    kind: found.kind,
    aliases: input.aliases,
    ...(input.apiKeySecret ? { apiKeySecret: input.apiKeySecret } : {}),
    ...(input.locality ? { locality: input.locality } : {}),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'endpoint'}: ${issue.message}`,
    );
    throw new ApiError('invalid_input', issues.join('; '), { reason: 'invalid_endpoint', issues });
  }
  const endpoint = parsed.data;
  saveOrRefuse(() => runtime.laneStore.putLan(endpoint));
  await runtime.reload();
  return {
    endpoint: {
      name: endpoint.name,
      baseUrl: endpoint.baseUrl,
      kind: endpoint.kind,
      aliases: endpoint.aliases,
      locality: endpoint.locality ?? null,
    },
    lanes: runtime.list(),
  };
}

export async function forgetLane(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.forget'>,
): Promise<LanesForget> {
  const runtime = runtimeOf(ctx);
  const saved = runtime.saved();
  const kind = saved.lan.some((endpoint) => endpoint.name === input.name)
    ? 'lan'
    : saved.managed.some((spec) => spec.name === input.name)
      ? 'managed'
      : null;
  if (kind === null)
    throw new ApiError('not_found', `No LAN endpoint or managed lane is called "${input.name}".`);
  if (kind === 'managed' && runtime.managed.operation(input.name) !== null) {
    throw new ApiError(
      'unavailable',
      `${input.name} is being started or stopped; wait until it is done.`,
      { reason: 'busy' },
    );
  }
  if (kind === 'managed') await refuseWhileRunning(runtime, input.name);
  saveOrRefuse(() => runtime.laneStore.remove(input.name));
  await runtime.reload();
  return {
    name: input.name,
    kind,
    note:
      kind === 'managed'
        ? 'Its stopped container, if any, was left as it is (Docker can remove it).'
        : null,
    lanes: runtime.list(),
  };
}

/** A managed lane whose container runs is stopped before it is forgotten, so it can be. */
async function refuseWhileRunning(runtime: LanesRuntime, name: string): Promise<void> {
  const spec = runtime.saved().managed.find((entry) => entry.name === name);
  if (!spec) return;
  // Without Docker (state unknown) there is no container to leave running.
  const { state } = await runtime.managed.status(spec);
  if (state === 'running' || state === 'restarting') {
    throw new ApiError('unavailable', `${name} is running: stop it first, then forget it.`, {
      reason: 'running',
    });
  }
}

/** Runs a change of the saved lanes; a file that cannot be used is refused with its problems. */
export function saveOrRefuse<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (!(error instanceof LaneStoreError)) throw error;
    const taken = error.problems.find((problem) => problem.includes('is already called'));
    if (taken) {
      throw new ApiError(
        'invalid_input',
        `${taken[0]?.toUpperCase() ?? ''}${taken.slice(1)}: choose another name.`,
        { reason: 'name_taken' },
      );
    }
    throw new ApiError('unavailable', error.message, {
      reason: 'lane_store',
      problems: error.problems,
    });
  }
}
