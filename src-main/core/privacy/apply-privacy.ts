import type { RoutingTrace } from '../router/trace';
import type { PrivacyAssessment } from './assess';
import type { GuardedPlan } from './guarded-plan';
import { firstAllowedLane } from './guarded-plan';

/** The trace with Homelane's privacy verdict and the locality the request will actually reach. */
export function withPrivacy(
  trace: RoutingTrace,
  assessment: PrivacyAssessment,
  plan: GuardedPlan,
  override = false,
): RoutingTrace {
  const reasons = [...assessment.reasons, ...plan.reasons];
  if (override && assessment.private) {
    reasons.push({
      kind: 'override',
      detail: 'the person allowed this conversation to use cloud lanes despite its privacy',
    });
  }
  return {
    ...trace,
    private: assessment.private,
    privacy_reasons: reasons,
    locality: firstAllowedLane(plan)?.locality ?? null,
  };
}
