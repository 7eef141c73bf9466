import type { ReasoningChoice } from '../decisions/model-selection';
import type { ResolvedRoute } from './resolve-route';
import type { RoutingTrace } from './trace';

/** A trace with every field present and nothing decided yet. */
export function traceSkeleton(id: string, route: ResolvedRoute, text: string): RoutingTrace {
  return {
    schema_version: 1,
    id,
    created_at: new Date().toISOString(),
    requested_model: route.requestedModel,
    route_kind: route.kind,
    recipe: route.profile,
    text,
    decision: null,
    decision_confidence: null,
    decision_tier: null,
    decision_priority: null,
    matched_rules: [],
    algorithm: null,
    plugins: [],
    model: null,
    upstream_model: null,
    recommended_models: [],
    private: false,
    privacy_reasons: [],
    locality: null,
    selection: { method: 'default', status: 'selected', reason: '' },
    reasoning: { enabled: false },
    signals: {},
    matched_signals: {},
    signal_confidences: {},
    signal_values: {},
    signal_errors: {},
    kb_metrics: {},
    unavailable_signals: [],
    token_count: null,
    projections: { schema_version: '1', partitions: [], scores: [], mappings: [] },
    decisions: [],
    latency_ms: 0,
    timings: { signals_ms: 0, projections_ms: 0, decisions_ms: 0 },
  };
}

export function toRecord(map: ReadonlyMap<string, number | string>): Record<string, never> {
  return Object.fromEntries(map) as Record<string, never>;
}

/** A model selection's reasoning choice in the trace's snake_case form. */
export function traceReasoning(choice: ReasoningChoice): RoutingTrace['reasoning'] {
  const { enabled, effort, family, familyType, parameter } = choice;
  return {
    enabled,
    ...(effort !== undefined ? { effort } : {}),
    ...(family !== undefined ? { family } : {}),
    ...(familyType !== undefined ? { family_type: familyType } : {}),
    ...(parameter !== undefined ? { parameter } : {}),
  };
}
