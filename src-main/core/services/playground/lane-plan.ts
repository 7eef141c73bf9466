import type { PlaygroundLane } from '../../../contract';
import type { Candidate, EgressGuard } from '../../lanes/fallback';

// The guarded plan of a routed request as the Playground shows it: every
// lane in the order a live request would try it, with the egress guard's
// verdict, and the first one the request would actually be sent to.

function laneOf(candidate: Candidate, guard: EgressGuard): PlaygroundLane {
  const { lane } = candidate;
  const base = {
    laneId: lane.id,
    alias: lane.alias,
    locality: lane.locality,
    source: candidate.target.source,
  };
  if (lane.unroutable !== undefined) return { ...base, allowed: false, refusal: lane.unroutable };
  if (lane.baseUrl === undefined) {
    return { ...base, allowed: false, refusal: 'the lane has no address to send to' };
  }
  const verdict = guard(candidate);
  return verdict.allowed
    ? { ...base, allowed: true, refusal: null }
    : { ...base, allowed: false, refusal: verdict.reason };
}

export function lanePlan(
  candidates: readonly Candidate[],
  guard: EgressGuard,
): { lane: PlaygroundLane | null; lanes: PlaygroundLane[] } {
  const lanes = candidates.map((candidate) => laneOf(candidate, guard));
  return { lane: lanes.find((lane) => lane.allowed) ?? null, lanes };
}
