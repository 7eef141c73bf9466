import { create } from 'zustand';
import type {
  HomelaneClient,
  LaneHealthChange,
  LaneHealthView,
  LaneView,
} from '../../../src-main/contract';

// Every watched lane's health, for the whole app: read once from
// `lanes.list`, then kept current by the pushed `lanes.health` events, so a
// lane going down shows in the sidebar whatever page is open.

export interface LaneHealthEntry {
  state: LaneHealthView['state'];
  checks: number;
  lastError: string | null;
}

interface LaneHealthStore {
  lanes: Readonly<Record<string, LaneHealthEntry>>;
  /** Starts listening and reads the lanes; returns the function that stops listening. */
  watch(client: HomelaneClient): () => void;
  /** Reads the lanes again (after one was added or forgotten). */
  refresh(client: HomelaneClient): Promise<void>;
}

function entryOf(health: LaneHealthView): LaneHealthEntry {
  return {
    state: health.state,
    checks: health.checks,
    lastError: health.lastError ? `${health.lastError.code}: ${health.lastError.message}` : null,
  };
}

/** The watched lanes of a list, by id; a newer pushed state is kept over an older snapshot. */
export function mergeLaneList(
  current: Readonly<Record<string, LaneHealthEntry>>,
  lanes: readonly LaneView[],
): Record<string, LaneHealthEntry> {
  const next: Record<string, LaneHealthEntry> = {};
  for (const lane of lanes) {
    if (!lane.health) continue;
    const known = current[lane.id];
    next[lane.id] = known && known.checks > lane.health.checks ? known : entryOf(lane.health);
  }
  return next;
}

export function applyChange(
  current: Readonly<Record<string, LaneHealthEntry>>,
  change: LaneHealthChange,
): Record<string, LaneHealthEntry> {
  const known = current[change.laneId];
  if (known && known.checks > change.health.checks) return { ...current };
  return { ...current, [change.laneId]: entryOf(change.health) };
}

/** The lanes in a state, sorted by id. */
export function lanesIn(
  lanes: Readonly<Record<string, LaneHealthEntry>>,
  state: LaneHealthView['state'],
): string[] {
  return Object.keys(lanes)
    .filter((id) => lanes[id]?.state === state)
    .sort();
}

export const useLaneHealthStore = create<LaneHealthStore>((set, get) => ({
  lanes: {},
  watch(client) {
    // Listen first, so no change is lost between the list and the subscription.
    const stop = client.subscribe('lanes.health', (change) =>
      set({ lanes: applyChange(get().lanes, change) }),
    );
    void get().refresh(client);
    return stop;
  },
  async refresh(client) {
    const result = await client.call('lanes.list', {});
    if (result.ok) set({ lanes: mergeLaneList(get().lanes, result.data.lanes) });
  },
}));
