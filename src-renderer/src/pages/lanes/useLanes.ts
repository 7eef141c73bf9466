import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ApiErrorData,
  LaneHealthChange,
  LaneHealthView,
  LanesList,
  LaneView,
} from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';

// The lanes page's data: `lanes.list` once, `lanes.check` on demand, and the
// pushed `lanes.health` events applied in place as they arrive.

export type LanesState =
  | { status: 'loading' }
  | { status: 'ready'; list: LanesList }
  | { status: 'error'; error: ApiErrorData };

export type CheckState =
  | { status: 'running' }
  | { status: 'done'; at: number; lanes: LaneView[] }
  | { status: 'failed'; error: ApiErrorData };

/** The key of "Check all" in the check states; lane ids never contain a space. */
export const ALL_LANES = 'all lanes';

export interface UseLanes {
  state: LanesState;
  /** By lane id, or ALL_LANES for "Check all". */
  checks: Readonly<Record<string, CheckState>>;
  /** Checks one lane now, or every watched one when no id is given. */
  check(laneId?: string): Promise<void>;
  /** Takes a list the core answered after a change (a lane added, forgotten or edited). */
  replace(list: LanesList): void;
}

/**
 * The newer of two health snapshots of one lane. Checks only ever count up,
 * so an answer that was overtaken by a pushed event does not roll it back.
 */
export function newerHealth(
  current: LaneHealthView | null,
  incoming: LaneHealthView | null,
): LaneHealthView | null {
  if (current && incoming && current.checks > incoming.checks) return current;
  return incoming;
}

/** The lanes a check returned, keeping any health that is newer here. */
export function mergeLanes(current: LaneView[], incoming: LaneView[]): LaneView[] {
  const byId = new Map(current.map((lane) => [lane.id, lane]));
  return incoming.map((lane) => {
    const known = byId.get(lane.id);
    return known ? { ...lane, health: newerHealth(known.health, lane.health) } : lane;
  });
}

/** One pushed health change applied to the lane it names. */
export function applyHealthChange(lanes: LaneView[], change: LaneHealthChange): LaneView[] {
  return lanes.map((lane) =>
    lane.id === change.laneId ? { ...lane, health: newerHealth(lane.health, change.health) } : lane,
  );
}

export function useLanes(): UseLanes {
  const client = useClient();
  const [state, setState] = useState<LanesState>({ status: 'loading' });
  const [checks, setChecks] = useState<Record<string, CheckState>>({});
  const mounted = useRef(false);

  const updateLanes = useCallback((update: (lanes: LaneView[]) => LaneView[]) => {
    setState((previous) =>
      previous.status === 'ready'
        ? { status: 'ready', list: { ...previous.list, lanes: update(previous.list.lanes) } }
        : previous,
    );
  }, []);

  useEffect(() => {
    mounted.current = true;
    // Listen first, so no change is lost between the list and the subscription.
    const unsubscribe = client.subscribe('lanes.health', (change) =>
      updateLanes((lanes) => applyHealthChange(lanes, change)),
    );
    void client.call('lanes.list', {}).then((result) => {
      if (!mounted.current) return;
      setState(
        result.ok
          ? { status: 'ready', list: result.data }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      mounted.current = false;
      unsubscribe();
    };
  }, [client, updateLanes]);

  const check = useCallback(
    async (laneId?: string) => {
      const key = laneId ?? ALL_LANES;
      setChecks((previous) => ({ ...previous, [key]: { status: 'running' } }));
      const result = await client.call('lanes.check', laneId === undefined ? {} : { laneId });
      if (!mounted.current) return;
      if (!result.ok) {
        setChecks((previous) => ({
          ...previous,
          [key]: { status: 'failed', error: result.error },
        }));
        return;
      }
      updateLanes((lanes) => mergeLanes(lanes, result.data.lanes));
      const checked =
        laneId === undefined
          ? result.data.lanes.filter((lane) => lane.health !== null)
          : result.data.lanes.filter((lane) => lane.id === laneId);
      setChecks((previous) => ({
        ...previous,
        [key]: { status: 'done', at: Date.now(), lanes: checked },
      }));
    },
    [client, updateLanes],
  );

  const replace = useCallback((list: LanesList) => {
    setState((previous) =>
      previous.status === 'ready'
        ? {
            status: 'ready',
            list: { ...list, lanes: mergeLanes(previous.list.lanes, list.lanes) },
          }
        : { status: 'ready', list },
    );
  }, []);

  return { state, checks, check, replace };
}
