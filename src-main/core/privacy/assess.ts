import type { RouterConfig } from '../config/router-config';
import type { PrivacyReason, RoutingTrace } from '../router/trace';
import { detectInMessages, forEachMessageText } from './detector/detector';
import type { ScannableMessage } from './detector/detector';
import { findPrivateMarkers } from './private-markers';

// Is this request private? Homelane's answer, outside the policy: PII or a
// secret anywhere in the request (every message, every role, tool outputs
// and code blocks included), words that say the content is private, the
// policy's own privacy signals, an earlier private message of the
// conversation (taint), or personal memory. The reasons say which, and
// where, never what the private text was.

export interface PrivacyInput {
  config: RouterConfig;
  trace: RoutingTrace;
  /** Every message of the request, history included. */
  messages: readonly ScannableMessage[];
  /** The conversation was private before this request. */
  taint?: readonly PrivacyReason[];
  /** The request uses facts the person asked Homelane to remember. */
  memoryUsed?: boolean;
}

export interface PrivacyAssessment {
  private: boolean;
  reasons: PrivacyReason[];
}

function where(messageIndex: number, role: string): string {
  return `message ${messageIndex}${role ? ` (${role})` : ''}`;
}

/** PII and secrets the detector finds, one reason per type and message. */
export function detectorReasons(messages: readonly ScannableMessage[]): PrivacyReason[] {
  const seen = new Set<string>();
  const reasons: PrivacyReason[] = [];
  for (const finding of detectInMessages(messages)) {
    const key = `${finding.type}\u0000${finding.messageIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({
      kind: 'detector',
      detail: `${finding.category === 'secret' ? 'secret' : 'PII'} ${finding.type} in ${where(finding.messageIndex, finding.role)}`,
      message_index: finding.messageIndex,
      role: finding.role,
    });
  }
  return reasons;
}

/** Words that mark the content as private, one reason per phrase and message. */
export function markerReasons(messages: readonly ScannableMessage[]): PrivacyReason[] {
  const seen = new Set<string>();
  const reasons: PrivacyReason[] = [];
  forEachMessageText(messages, (text, place) => {
    for (const hit of findPrivateMarkers(text)) {
      const key = `${hit.phrase}\u0000${place.messageIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reasons.push({
        kind: 'marker',
        detail: `${hit.category} wording "${hit.phrase}" in ${where(place.messageIndex, place.role)}`,
        message_index: place.messageIndex,
        role: place.role,
      });
    }
  });
  return reasons;
}

/** The policy's privacy signals: they run on every request, read by a decision or not. */
export const PRIVACY_FAMILIES = ['pii', 'kb'] as const;

/** Privacy signals of the policy that matched: any pii rule, and knowledge-base rules over a privacy KB. */
export function signalReasons(config: RouterConfig, trace: RoutingTrace): PrivacyReason[] {
  const reasons: PrivacyReason[] = [];
  for (const name of trace.matched_signals['pii'] ?? []) {
    reasons.push({ kind: 'signal', detail: `pii:${name} matched` });
  }
  const profile = config.profiles.get(trace.recipe ?? 'default');
  const privacyKbRules = new Set(
    (profile?.signals.kb ?? []).filter((rule) => /privacy/i.test(rule.kb)).map((rule) => rule.name),
  );
  for (const name of trace.matched_signals['kb'] ?? []) {
    if (privacyKbRules.has(name)) reasons.push({ kind: 'signal', detail: `kb:${name} matched` });
  }
  return reasons;
}

export function assessPrivacy(input: PrivacyInput): PrivacyAssessment {
  const reasons = [
    ...detectorReasons(input.messages),
    ...markerReasons(input.messages),
    ...signalReasons(input.config, input.trace),
  ];
  if (input.taint && input.taint.length > 0) {
    reasons.push({
      kind: 'taint',
      detail: `an earlier message of this conversation was private (${input.taint
        .map((reason) => reason.detail)
        .slice(0, 3)
        .join('; ')}${input.taint.length > 3 ? '; …' : ''})`,
    });
  }
  if (input.memoryUsed) {
    reasons.push({ kind: 'memory', detail: 'the request uses personal memory' });
  }
  return { private: reasons.length > 0, reasons };
}
