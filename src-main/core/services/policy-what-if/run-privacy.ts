import type { CloudEscalation } from '../../privacy/egress-guard';
import type { PrivacySettings } from '../../privacy/route-privately';
import type { RoutingRecord } from '../../replay/record-types';
import type { PrivacyReason, RoutingTrace } from '../../router/trace';

// A live request's privacy, for requests routed again. Three things the
// stored body cannot show again are carried over from the record: PII and
// secrets (masked before the body was stored), private wording, and personal
// memory (never part of the stored body). A conversation's taint is kept in
// memory for the run: seeded from what its first request in the run carried
// from earlier history, grown by every later private request, never written
// to the store. The conversation's own switches (keep local, the person's
// override) are read as they are now.

/** A conversation's switches as the person set them. */
export interface ConversationSwitches {
  keepLocal: boolean;
  privateOverride: boolean;
}

/** Reasons that belong to the content of the request, whatever the policy. */
const CONTENT_KINDS: ReadonlySet<PrivacyReason['kind']> = new Set(['detector', 'marker']);
/** Reasons that are not the request's own (what the guard did, inherited taint, the override). */
const NOT_OWN_KINDS: ReadonlySet<PrivacyReason['kind']> = new Set([
  'taint',
  'guard_reroute',
  'guard_blocked',
  'override',
]);

type PrivacyFields = Pick<RoutingRecord, 'conversation_id' | 'privacy_reasons'>;

function key(reason: PrivacyReason): string {
  return `${reason.kind}\u0000${reason.detail}`;
}

function merged(into: PrivacyReason[], more: readonly PrivacyReason[]): void {
  const known = new Set(into.map(key));
  for (const reason of more) {
    if (known.has(key(reason))) continue;
    known.add(key(reason));
    into.push(reason);
  }
}

export class RunPrivacy {
  private readonly taints = new Map<string, PrivacyReason[]>();

  constructor(
    private readonly cloudEscalation: CloudEscalation,
    private readonly switchesOf: (conversationId: string) => ConversationSwitches | undefined,
  ) {}

  /** The privacy settings a live request of this record would carry. */
  settingsFor(record: PrivacyFields): PrivacySettings {
    const carried = record.privacy_reasons.filter((reason) => CONTENT_KINDS.has(reason.kind));
    const conversation = record.conversation_id;
    const switches = conversation ? this.switchesOf(conversation) : undefined;
    const override = switches?.privateOverride === true;
    const memory = !override && record.privacy_reasons.some((reason) => reason.kind === 'memory');
    let taint: PrivacyReason[] | undefined;
    if (conversation) {
      taint = [...this.taintOf(conversation, record), ...carried];
    } else if (carried.length > 0) {
      taint = carried;
    }
    return {
      cloudEscalation: switches?.keepLocal ? 'never' : this.cloudEscalation,
      ...(override ? { privateOverride: true } : {}),
      ...(taint !== undefined ? { taint } : {}),
      ...(memory ? { memoryUsed: true } : {}),
    };
  }

  /** After routing: a private request taints the rest of its conversation in this run. */
  routed(record: PrivacyFields, trace: RoutingTrace): void {
    const conversation = record.conversation_id;
    if (!conversation || !trace.private) return;
    const own = trace.privacy_reasons.filter((reason) => !NOT_OWN_KINDS.has(reason.kind));
    const carried = record.privacy_reasons.filter((reason) => CONTENT_KINDS.has(reason.kind));
    merged(this.taintOf(conversation, record), [...own, ...carried]);
  }

  /** The conversation's taint in this run; its first request brings the history before it. */
  private taintOf(conversation: string, record: PrivacyFields): PrivacyReason[] {
    let taint = this.taints.get(conversation);
    if (!taint) {
      taint = record.privacy_reasons.filter((reason) => reason.kind === 'taint');
      this.taints.set(conversation, taint);
    }
    return taint;
  }
}
