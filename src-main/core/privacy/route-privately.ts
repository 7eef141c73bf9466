import type { LaneHealthState } from '../lanes/health-events';
import type { Lane } from '../lanes/lane-registry';
import type { RoutingRequest } from '../router/request';
import type { RouteOptions, Router } from '../router/router';
import type { PrivacyReason, RoutingTrace } from '../router/trace';
import { withPrivacy } from './apply-privacy';
import { PRIVACY_FAMILIES, assessPrivacy } from './assess';
import { conversationTaint } from './conversation-taint';
import type { ScannableMessage } from './detector/detector';
import type { CloudEscalation } from './egress-guard';
import type { GuardedPlan } from './guarded-plan';
import { planWithGuard } from './guarded-plan';

// Routing with Homelane's privacy layer on top: route, judge whether the
// request (or its conversation) is private, and plan the lanes under the
// egress guard. Every path that sends or previews a request goes through here.

export interface PrivacySettings {
  cloudEscalation: CloudEscalation;
  /** The person's per-conversation override of the privacy rule (recorded in the trace). */
  privateOverride?: boolean;
  /** Reasons an earlier turn of a stored conversation was private; computed from the history when absent. */
  taint?: readonly PrivacyReason[];
  memoryUsed?: boolean;
}

export interface PrivateRouteContext {
  router: Router;
  lanes: readonly Lane[];
  privacy: PrivacySettings;
  healthOf?: (laneId: string) => LaneHealthState | undefined;
}

function messagesOf(request: RoutingRequest): ScannableMessage[] {
  if (request.messages) return request.messages as unknown as ScannableMessage[];
  return request.text !== undefined ? [{ role: 'user', content: request.text }] : [];
}

export async function routePrivately(
  context: PrivateRouteContext,
  request: RoutingRequest,
  options: RouteOptions = {},
): Promise<{ trace: RoutingTrace; plan: GuardedPlan }> {
  const { router, lanes, privacy, healthOf } = context;
  const routed = await router.route(request, { ...options, alsoEvaluate: PRIVACY_FAMILIES });
  const taint = privacy.taint ?? (await conversationTaint(router, request));
  const assessment = assessPrivacy({
    config: router.config,
    trace: routed,
    messages: messagesOf(request),
    taint,
    ...(privacy.memoryUsed ? { memoryUsed: true } : {}),
  });
  const plan = planWithGuard({
    config: router.config,
    trace: routed,
    lanes,
    settings: {
      private: assessment.private,
      cloudEscalation: privacy.cloudEscalation,
      ...(privacy.privateOverride ? { privateOverride: true } : {}),
    },
    ...(healthOf ? { healthOf } : {}),
  });
  return { trace: withPrivacy(routed, assessment, plan, privacy.privateOverride === true), plan };
}
