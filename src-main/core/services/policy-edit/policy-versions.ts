import { ApiError } from '../../../contract';
import type {
  PolicyHistory,
  PolicyVersion,
  PolicyVersionText,
} from '../../../contract/policy-edit';
import type { ServiceContext } from '../context';
import { ActiveProfileStore, readActiveProfileMeta } from '../profile-import/active-profile-store';
import type { HistoryEntry } from '../profile-import/active-profile-store';
import { activePolicyText } from './edited-policy';

// `policy.history` and `policy.version`: the policy in force (id `active`)
// and the versions it replaced, kept in the data folder's profile history.

export const ACTIVE_VERSION_ID = 'active';

/** Name of a kept version whose metadata is missing or unreadable. */
const UNKNOWN_NAME = 'earlier profile';
const UNKNOWN_SOURCE = 'unknown';

export function storeOf(ctx: ServiceContext): ActiveProfileStore {
  return new ActiveProfileStore(ctx.dataDir);
}

/**
 * The policy in force as a version. Its time and note come from the saved
 * profile when that is what is in force (not a file given at start, nor the
 * built-in profile).
 */
export async function activeVersion(
  ctx: ServiceContext,
  store: ActiveProfileStore,
): Promise<{ version: PolicyVersion; text: string }> {
  const text = activePolicyText(ctx.routing);
  const info = ctx.routing?.profile.info ?? { name: 'profile', source: UNKNOWN_SOURCE };
  const saved = await store.readSaved();
  const meta = saved === text ? await readActiveProfileMeta(ctx.dataDir) : null;
  return {
    text,
    version: {
      id: ACTIVE_VERSION_ID,
      name: info.name,
      source: info.source,
      appliedAt: meta?.appliedAt ?? null,
      note: meta?.note ?? null,
      bytes: Buffer.byteLength(text),
      active: true,
    },
  };
}

export function historyVersion(entry: HistoryEntry): PolicyVersion {
  return {
    id: entry.id,
    name: entry.meta?.name ?? UNKNOWN_NAME,
    source: entry.meta?.source ?? UNKNOWN_SOURCE,
    appliedAt: entry.meta?.appliedAt ?? null,
    note: entry.meta?.note ?? null,
    bytes: entry.bytes,
    active: false,
  };
}

export async function policyHistory(
  ctx: ServiceContext,
  store = storeOf(ctx),
): Promise<PolicyHistory> {
  const kept = (await store.listHistory()).map(historyVersion);
  if (!ctx.routing) return { versions: kept };
  return { versions: [(await activeVersion(ctx, store)).version, ...kept] };
}

/** A kept version's text; `not_found` for an id that is not in the history. */
export async function readVersion(
  store: ActiveProfileStore,
  id: string,
): Promise<PolicyVersionText> {
  const kept = await store.readHistory(id);
  if (!kept) throw new ApiError('not_found', `There is no policy version "${id}" in the history.`);
  return { version: historyVersion(kept.entry), yaml: kept.text };
}

export async function policyVersion(
  ctx: ServiceContext,
  input: { id: string },
  store = storeOf(ctx),
): Promise<PolicyVersionText> {
  if (input.id === ACTIVE_VERSION_ID) {
    const { version, text } = await activeVersion(ctx, store);
    return { version, yaml: text };
  }
  return readVersion(store, input.id);
}
