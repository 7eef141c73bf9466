import { ApiError } from '../../../contract';
import type { ProfileApply, ProfileApplyInput, ProfileInfo } from '../../../contract';
import { formatDiagnostic, hasErrors } from '../../config/diagnostics';
import { loadConfigText } from '../../config/load';
import { createLogger } from '../../logger';
import type { ServiceContext } from '../context';
import { ActiveProfileStore } from './active-profile-store';
import { profileNameFrom } from './read-profile-source';

const log = createLogger('profile');

// `profile.apply`: the previewed text is checked again (it crossed a
// boundary), its router is built and put in force through the routing
// runtime, and only then is it saved as the data folder's active profile,
// the one it replaced kept in the history. Any failure leaves the profile in
// force and the saved file as they were. Applies run one at a time: other
// services that apply (the policy editor) queue theirs with `inApplyQueue`
// and call `applyProfileInQueue` from inside it.

const queues = new WeakMap<ServiceContext, Promise<unknown>>();

/** Runs `task` after every apply queued before it, one at a time per context. */
export function inApplyQueue<T>(ctx: ServiceContext, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(ctx) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(task);
  queues.set(ctx, next);
  return next;
}

export async function applyProfile(
  ctx: ServiceContext,
  input: ProfileApplyInput,
  store: ActiveProfileStore = new ActiveProfileStore(ctx.dataDir),
): Promise<ProfileApply> {
  const applied = await inApplyQueue(ctx, () => applyProfileInQueue(ctx, input, store));
  return { profile: applied.profile, file: applied.file, previousFile: applied.previousFile };
}

export interface ProfileToApply extends ProfileApplyInput {
  /** A few words kept with the version in the history. */
  note?: string;
}

export interface AppliedProfile extends ProfileApply {
  /** The history id of the profile it replaced; null when none was saved before. */
  previousId: string | null;
}

/** Applies now; call it only from a task run by `inApplyQueue`. */
export async function applyProfileInQueue(
  ctx: ServiceContext,
  input: ProfileToApply,
  store: ActiveProfileStore,
): Promise<AppliedProfile> {
  const routing = ctx.routing;
  if (!routing) throw new ApiError('unavailable', 'No routing runs in this process.');
  const result = loadConfigText(input.text, input.source);
  if (!result.config || hasErrors(result.diagnostics)) {
    const problems = result.diagnostics
      .filter((d) => d.severity !== 'warning')
      .map((d) => formatDiagnostic(d));
    throw new ApiError(
      'invalid_input',
      `The profile has ${problems.length} problem${problems.length === 1 ? '' : 's'}; the profile in force is unchanged.`,
      { reason: 'invalid_profile', problems },
    );
  }
  const info: ProfileInfo = {
    name: input.name ?? profileNameFrom(input.source),
    source: input.source,
  };
  const staged = await store.stage(input.text);
  try {
    await routing.swap({ config: result.config, info, text: input.text });
  } catch (error) {
    await staged.discard();
    log.warn({ err: error, source: input.source }, 'the applied profile could not be put in force');
    throw new ApiError(
      'unavailable',
      `The profile is valid but its router could not be built: ${(error as Error).message}. The profile in force is unchanged.`,
      { reason: 'router_failed' },
    );
  }
  const { previousFile, previousId } = await staged.commit(info, input.note);
  try {
    await ctx.lanes?.useConfig(result.config);
  } catch (error) {
    log.error({ err: error }, 'the lanes of the applied profile could not be assembled');
  }
  ctx.events.emit('profile.changed', { profile: info, at: new Date().toISOString() });
  log.info({ source: input.source, file: store.file }, 'profile applied');
  return { profile: info, file: store.file, previousFile, previousId };
}
