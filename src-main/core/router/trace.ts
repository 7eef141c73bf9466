import type { RuleTraceNode } from '../decisions/rule-tree';
import type { ProjectionTrace } from '../projections/trace';

// The one result type of routing (ARCHITECTURE rule 1). The CLI prints it,
// the eval API derives its upstream-shaped answer from it, the replay store
// keeps it, the playground and topology read it. Field names are snake_case
// because this object is also the wire and storage form.

export type RouteKind = 'auto' | 'entrypoint' | 'passthrough';

export interface SignalFamilyTrace {
  status: 'ok' | 'unavailable' | 'error' | 'skipped';
  /** Matched rule names after the family ran (before partitions and top-k). */
  matched: string[];
  rule_count: number;
  latency_ms: number;
  /** The family was needed by some decision (or forced, as the eval API does). */
  used: boolean;
  reason?: string;
  details?: Record<string, unknown>;
  /** The on-device model that served the family, and the execution provider it ran on. */
  model?: { id: string; execution_provider?: string };
}

export interface DecisionTrace {
  name: string;
  matched: boolean;
  confidence: number;
  tier: number;
  priority: number;
  matched_rules: string[];
  root: RuleTraceNode;
}

export interface PluginUse {
  type: string;
  configuration: Record<string, unknown>;
}

export interface RoutingTrace {
  schema_version: 1;
  id: string;
  created_at: string;
  requested_model: string;
  route_kind: RouteKind;
  /** The routing profile: `default`, a recipe name, or null for passthrough. */
  recipe: string | null;
  /** The user text the signals evaluated. */
  text: string;

  /** The winning decision's name, or null. */
  decision: string | null;
  decision_confidence: number | null;
  decision_tier: number | null;
  decision_priority: number | null;
  /** `type:name` leaves that made the winner match. */
  matched_rules: string[];
  algorithm: string | null;
  plugins: PluginUse[];

  /** The chosen alias (what headers, replay and pricing use). */
  model: string | null;
  /** What goes upstream in the body's `model` field. */
  upstream_model: string | null;
  recommended_models: string[];
  selection: { method: string; status: string; reason: string };
  reasoning: {
    enabled: boolean;
    effort?: string;
    family?: string;
    family_type?: string;
    parameter?: string;
  };

  /** Per configured family: status, matches, latency, why unavailable. */
  signals: Record<string, SignalFamilyTrace>;
  /** Final matched names per leaf type, after partitions, composers, top-k and projections. */
  matched_signals: Record<string, string[]>;
  signal_confidences: Record<string, number>;
  signal_values: Record<string, number>;
  signal_errors: Record<string, string>;
  kb_metrics: Record<string, number>;
  /** Families that could not run here for lack of a model. */
  unavailable_signals: { type: string; reason: string }[];
  token_count: number | null;

  projections: ProjectionTrace;
  decisions: DecisionTrace[];

  latency_ms: number;
  timings: { signals_ms: number; projections_ms: number; decisions_ms: number };

  /**
   * Homelane's privacy verdict, filled after routing (privacy/apply-privacy):
   * whether the request (or its conversation) is private, why, and the
   * locality of the lane it goes to once the egress guard has had its say
   * (null when no lane may take it, or before lanes are known).
   */
  private: boolean;
  privacy_reasons: PrivacyReason[];
  locality: 'local' | 'lan' | 'cloud' | null;
}

export type PrivacyReasonKind =
  | 'detector'
  | 'marker'
  | 'signal'
  | 'taint'
  | 'memory'
  | 'guard_reroute'
  | 'guard_blocked'
  | 'override';

/** One reason a request is private (or what the guard did about it); never the private text itself. */
export interface PrivacyReason {
  kind: PrivacyReasonKind;
  detail: string;
  message_index?: number;
  role?: string;
}
