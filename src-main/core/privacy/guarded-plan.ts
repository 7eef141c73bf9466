import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import type { Candidate, EgressGuard } from '../lanes/fallback';
import { orderCandidates } from '../lanes/fallback';
import { fallbackTargets } from '../lanes/fallback-plan';
import type { LaneHealthState } from '../lanes/health-events';
import type { Lane } from '../lanes/lane-registry';
import { isPrivateLocality, lanesForAlias } from '../lanes/lane-registry';
import type { PrivacyReason, RoutingTrace } from '../router/trace';
import { egressGuard } from './egress-guard';
import type { GuardSettings } from './egress-guard';

// The lanes a routed request may try, in order, once the egress guard has
// read them: the policy's own order (selected alias, next modelRefs,
// default_model), and — when the guard refuses every one of those — the best
// local lanes, so a private request the policy sent to the cloud is answered
// on this machine or the LAN instead, with the re-route recorded.

export interface GuardedPlan {
  candidates: Candidate[];
  guard: EgressGuard;
  /** What the guard changed, for the trace and the record. */
  reasons: PrivacyReason[];
}

export interface PlanInput {
  config: RouterConfig;
  trace: RoutingTrace;
  lanes: readonly Lane[];
  settings: GuardSettings;
  healthOf?: (laneId: string) => LaneHealthState | undefined;
}

const HEALTH_ORDER: Record<LaneHealthState, number> = {
  healthy: 0,
  unknown: 1,
  degraded: 2,
  down: 3,
};

export function planWithGuard(input: PlanInput): GuardedPlan {
  const { config, trace, lanes, settings, healthOf } = input;
  const guard = egressGuard(settings);
  const policy = orderCandidates(
    fallbackTargets(config, trace),
    (alias) => lanesForAlias(lanes, alias),
    healthOf,
  );
  const usable = (candidate: Candidate) =>
    candidate.lane.baseUrl !== undefined && candidate.lane.unroutable === undefined;
  const firstUsable = policy.find(usable);
  const firstAllowed = policy.find((candidate) => usable(candidate) && guard(candidate).allowed);
  if (firstAllowed) {
    if (firstUsable === undefined || firstUsable === firstAllowed) {
      return { candidates: policy, guard, reasons: [] };
    }
    // The policy's own fallback order reaches an allowed lane; say what the guard skipped.
    const verdict = guard(firstUsable);
    return {
      candidates: policy,
      guard,
      reasons: [
        {
          kind: 'guard_reroute',
          detail: `the policy chose ${firstUsable.lane.id} (${firstUsable.lane.locality}), which the guard refuses (${verdict.allowed ? '' : verdict.reason}); it goes to ${firstAllowed.lane.id} (${firstAllowed.lane.locality})`,
        },
      ],
    };
  }
  const tried = new Set(policy.map((candidate) => candidate.lane.id));
  const rank = (lane: Lane) =>
    (lane.alias === config.defaultModel ? 0 : 10) + HEALTH_ORDER[healthOf?.(lane.id) ?? 'unknown'];
  const local = lanes
    .filter(
      (lane) =>
        isPrivateLocality(lane.locality) &&
        lane.baseUrl !== undefined &&
        lane.unroutable === undefined &&
        !tried.has(lane.id),
    )
    .map((lane, index) => ({ lane, index }))
    .sort((a, b) => rank(a.lane) - rank(b.lane) || a.index - b.index)
    .map(({ lane }) => lane);
  const chosen = trace.model ?? 'no model';
  if (local.length === 0) {
    return {
      candidates: policy,
      guard,
      reasons: [
        {
          kind: 'guard_blocked',
          detail: `the policy chose ${chosen}, which the guard refuses (${refusalOf(policy, guard)}), and there is no local or LAN lane to take the request instead`,
        },
      ],
    };
  }
  const rerouted: Candidate[] = local.map((lane) => ({
    lane,
    target: {
      alias: lane.alias,
      source: 'guard_reroute' as const,
      trace: {
        ...trace,
        model: lane.alias,
        upstream_model: resolveModel(config, lane.alias)?.upstreamModelId ?? lane.alias,
        reasoning: { enabled: false },
      },
    },
  }));
  const first = local[0] as Lane;
  return {
    candidates: [...policy, ...rerouted],
    guard,
    reasons: [
      {
        kind: 'guard_reroute',
        detail: `the policy chose ${chosen}, which the guard refuses (${refusalOf(policy, guard)}); re-routed to ${first.id} (${first.locality})`,
      },
    ],
  };
}

function refusalOf(policy: readonly Candidate[], guard: EgressGuard): string {
  for (const candidate of policy) {
    const verdict = guard(candidate);
    if (!verdict.allowed) return verdict.reason;
  }
  return policy.length === 0 ? 'no lane serves it' : 'none of its lanes has an endpoint';
}

/** The lane the request goes to first: the first candidate the guard allows that has an endpoint. */
export function firstAllowedLane(plan: GuardedPlan): Lane | undefined {
  return plan.candidates.find(
    (candidate) =>
      candidate.lane.baseUrl !== undefined &&
      candidate.lane.unroutable === undefined &&
      plan.guard(candidate).allowed,
  )?.lane;
}
