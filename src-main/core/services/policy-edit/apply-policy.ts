import { ApiError } from '../../../contract';
import type { PolicyApply, PolicyApplyInput } from '../../../contract/policy-edit';
import type { ServiceContext } from '../context';
import type { ActiveProfileStore } from '../profile-import/active-profile-store';
import { applyProfileInQueue, inApplyQueue } from '../profile-import/apply-profile';
import type { ProfileToApply } from '../profile-import/apply-profile';
import { editedDiagnostics, invalidPolicy } from './edited-diagnostics';
import { activePolicyText, resolveEditedPolicy } from './edited-policy';
import {
  ACTIVE_VERSION_ID,
  activeVersion,
  historyVersion,
  readVersion,
  storeOf,
} from './policy-versions';

// `policy.apply` and `policy.rollback`: an edit, or a kept version, put in
// force the way `profile.apply` does it (checked, the router swapped, saved,
// the version it replaces kept in the history), in the same queue, so a
// rollback is itself undone by rolling back again. The edit is resolved
// inside the queue, against the policy in force when its turn comes.

export const POLICY_EDITOR_SOURCE = 'policy editor';

export function applyPolicy(
  ctx: ServiceContext,
  input: PolicyApplyInput,
  store = storeOf(ctx),
): Promise<PolicyApply> {
  return inApplyQueue(ctx, async () => {
    const edited = resolveEditedPolicy(input.text, input.format, activePolicyText(ctx.routing));
    const diagnostics = editedDiagnostics(edited.diagnostics, input.format);
    if (edited.yaml === undefined || !edited.config)
      throw invalidPolicy(diagnostics, 'the policy in force is unchanged');
    return putInForce(ctx, store, {
      text: edited.yaml,
      source: POLICY_EDITOR_SOURCE,
      name: ctx.routing?.profile.info.name ?? 'policy',
      ...(input.note ? { note: input.note } : {}),
    });
  });
}

export function rollbackPolicy(
  ctx: ServiceContext,
  input: { id: string },
  store = storeOf(ctx),
): Promise<PolicyApply> {
  return inApplyQueue(ctx, async () => {
    if (input.id === ACTIVE_VERSION_ID)
      throw new ApiError('invalid_input', 'That version is the one in force already.', {
        reason: 'already_active',
      });
    const kept = await readVersion(store, input.id);
    return putInForce(ctx, store, {
      text: kept.yaml,
      source: kept.version.source,
      name: kept.version.name,
      note: `rolled back to version ${input.id}`,
    });
  });
}

async function putInForce(
  ctx: ServiceContext,
  store: ActiveProfileStore,
  profile: ProfileToApply,
): Promise<PolicyApply> {
  const applied = await applyProfileInQueue(ctx, profile, store);
  const previous = applied.previousId ? await store.readHistory(applied.previousId) : null;
  return {
    profile: applied.profile,
    version: (await activeVersion(ctx, store)).version,
    previous: previous ? historyVersion(previous.entry) : null,
  };
}
