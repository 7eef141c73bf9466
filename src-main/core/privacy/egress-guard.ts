import type { Candidate, EgressGuard, GuardVerdict } from '../lanes/fallback';
import { isPrivateLocality } from '../lanes/lane-registry';

// The egress guard: the last word on where a request may go, outside the
// policy. A private request may only reach a `local` or `lan` lane; a cloud
// lane is further subject to the person's cloud-escalation setting. A policy
// edit cannot loosen it; only the person's own per-conversation override can,
// and the caller records that override.

export type CloudEscalation = 'never' | 'allow' | 'ask';

export const CLOUD_ESCALATIONS: readonly CloudEscalation[] = ['never', 'allow', 'ask'];

export interface GuardSettings {
  /** The request (or its conversation) is private. */
  private: boolean;
  cloudEscalation: CloudEscalation;
  /** The person allowed this conversation to use the cloud despite its privacy. */
  privateOverride?: boolean;
}

export type GuardRefusal = 'private_request' | 'cloud_escalation_off' | 'needs_confirmation';

export interface GuardRefusalVerdict {
  allowed: false;
  reason: string;
  code: GuardRefusal;
}

export function guardVerdict(
  settings: GuardSettings,
  candidate: Candidate,
): GuardVerdict & {
  code?: GuardRefusal;
} {
  if (isPrivateLocality(candidate.lane.locality)) return { allowed: true };
  if (settings.private && !settings.privateOverride) {
    return {
      allowed: false,
      code: 'private_request',
      reason: `the request is private, and ${candidate.lane.id} is a cloud lane`,
    };
  }
  if (settings.cloudEscalation === 'never') {
    return {
      allowed: false,
      code: 'cloud_escalation_off',
      reason: `cloud escalation is off, and ${candidate.lane.id} is a cloud lane`,
    };
  }
  if (settings.cloudEscalation === 'ask') {
    return {
      allowed: false,
      code: 'needs_confirmation',
      reason: `sending to the cloud lane ${candidate.lane.id} needs your confirmation`,
    };
  }
  return { allowed: true };
}

export function egressGuard(settings: GuardSettings): EgressGuard {
  return (candidate) => guardVerdict(settings, candidate);
}
