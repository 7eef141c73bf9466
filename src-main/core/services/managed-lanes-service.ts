import { ApiError } from '../../contract';
import type { ManagedLaneStatusView, ManagedLogs, ParsedInput } from '../../contract';
import type { MethodOutput } from '../../contract';
import { ManagedLaneError } from '../lanes/managed/managed-lane-error';
import {
  ManagedLaneSpecError,
  defaultManagedLaneSpec,
  parseManagedLaneSpec,
} from '../lanes/managed/managed-lane-spec';
import type { ManagedLaneSpec } from '../lanes/managed/managed-lane-spec';
import type { ServiceContext } from './context';
import { saveOrRefuse } from './lan-endpoints-service';
import type { LanesRuntime } from './lanes-runtime';

// `lanes.managed.*`: the managed ROCm vLLM container from the Lanes page, as
// `homelane lanes up | down | logs` drive it. Its spec is read and saved
// whole (every flag of the reference deployment), checked by the core's own
// rules; a start runs in the background and reports progress as events.

function runtimeOf(ctx: ServiceContext): LanesRuntime {
  if (!ctx.lanes) throw new ApiError('unavailable', 'No lanes are watched in this process.');
  return ctx.lanes;
}

function savedSpec(runtime: LanesRuntime, name: string): ManagedLaneSpec {
  const spec = runtime.saved().managed.find((entry) => entry.name === name);
  if (!spec) {
    throw new ApiError(
      'not_found',
      `There is no managed lane "${name}": save its settings first.`,
      { reason: 'no_spec' },
    );
  }
  return spec;
}

/** Docker's problems as API errors: the stable code in `details.reason`, the remedy in the message. */
async function withDocker<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ManagedLaneError)) throw error;
    throw new ApiError(error.code === 'not_created' ? 'not_found' : 'unavailable', error.message, {
      reason: error.code,
    });
  }
}

export function managedStatus(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.status'>,
): Promise<ManagedLaneStatusView> {
  const runtime = runtimeOf(ctx);
  const spec = savedSpec(runtime, input.name);
  return runtime.managed.status(spec);
}

export function managedUp(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.up'>,
): { name: string; started: boolean } {
  const runtime = runtimeOf(ctx);
  const spec = savedSpec(runtime, input.name);
  return { name: spec.name, started: runtime.managed.up(spec) };
}

export function managedDown(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.down'>,
): Promise<ManagedLaneStatusView> {
  const runtime = runtimeOf(ctx);
  const spec = savedSpec(runtime, input.name);
  return withDocker(() => runtime.managed.down(spec, input.remove === true));
}

export async function managedLogs(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.logs'>,
): Promise<ManagedLogs> {
  const runtime = runtimeOf(ctx);
  const spec = savedSpec(runtime, input.name);
  const lines = await withDocker(() => runtime.managed.logs(spec, input.tail));
  return { name: spec.name, lines };
}

export function managedSpec(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.spec.get'>,
): MethodOutput<'lanes.managed.spec.get'> {
  const runtime = runtimeOf(ctx);
  const saved = runtime.saved().managed.find((entry) => entry.name === input.name);
  if (saved) return { spec: saved, saved: true };
  // A new lane: the reference deployment, serving every alias of the profile.
  const spec = { ...defaultManagedLaneSpec(runtime.profileAliases()), name: input.name };
  return { spec, saved: false };
}

export async function saveManagedSpec(
  ctx: ServiceContext,
  input: ParsedInput<'lanes.managed.spec.set'>,
): Promise<MethodOutput<'lanes.managed.spec.set'>> {
  const runtime = runtimeOf(ctx);
  let spec: ManagedLaneSpec;
  try {
    spec = parseManagedLaneSpec(input.spec);
  } catch (error) {
    if (!(error instanceof ManagedLaneSpecError)) throw error;
    throw new ApiError('invalid_input', error.message, {
      reason: 'invalid_spec',
      problems: error.problems,
    });
  }
  saveOrRefuse(() => runtime.laneStore.putManaged(spec));
  await runtime.reload();
  return { spec, lanes: runtime.list() };
}
