import { ApiError } from '../../contract';
import type { LanesList, LaneView } from '../../contract';
import type { ServiceContext } from './context';

// `lanes.list` and `lanes.check`: what the Lanes page shows and its Check button.

export function listLanes(ctx: ServiceContext): LanesList {
  if (!ctx.lanes) return { lanes: [], endpoints: [], managed: [], storeProblem: null };
  return ctx.lanes.list();
}

export async function checkLanes(
  ctx: ServiceContext,
  input: { laneId?: string | undefined },
): Promise<{ lanes: LaneView[] }> {
  if (!ctx.lanes) throw new ApiError('unavailable', 'No lanes are watched in this process.');
  if (input.laneId !== undefined && !ctx.lanes.has(input.laneId)) {
    throw new ApiError('not_found', `There is no watched lane "${input.laneId}".`);
  }
  return { lanes: await ctx.lanes.check(input.laneId) };
}
