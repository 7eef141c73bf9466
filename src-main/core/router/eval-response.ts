import type { Profile } from '../config/router-config';
import { SIGNAL_INFO, SIGNAL_TYPES } from '../signals/signal-types';
import type { RuleTraceNode } from '../decisions/rule-tree';
import type { RoutingTrace } from './trace';

// The upstream `/api/v1/eval` answer (reference §6.2), derived from the
// RoutingTrace so upstream's probe files run unchanged against Homelane.

export interface EvalResponse {
  original_text: string;
  requested_model: string;
  recipe: string;
  decision_result: {
    decision_name: string;
    algorithm: string;
    plugins: string[];
    used_signals: Record<string, string[]>;
    matched_signals: Record<string, string[]>;
    unmatched_signals: Record<string, string[]>;
  };
  eval_trace?: {
    decision_name: string;
    matched: boolean;
    confidence: number;
    root_trace: RuleTraceNode;
  }[];
  recommended_models: string[];
  routing_decision: string;
  selected_model?: string;
  selection_status: string;
  selection_method: string;
  selection_reason: string;
  metrics: Record<string, { execution_time_ms: number; confidence: number }>;
  signal_confidences: Record<string, number>;
  signal_values: Record<string, number>;
  signal_errors: Record<string, string>;
  /** Homelane: families that could not run here because their model is not installed. */
  unavailable_signals: { type: string; reason: string }[];
}

export function toEvalResponse(
  trace: RoutingTrace,
  profile: Profile,
  withTrace: boolean,
): EvalResponse {
  const used: Record<string, string[]> = {};
  const matched: Record<string, string[]> = {};
  const unmatched: Record<string, string[]> = {};
  const metrics: EvalResponse['metrics'] = {};
  for (const type of SIGNAL_TYPES) {
    const { evalKey, configKey } = SIGNAL_INFO[type];
    const rules = (profile.signals[configKey] ?? []) as { name?: string; role?: string }[];
    const names = rules
      .map((r) => (type === 'authz' ? r.role : r.name) ?? '')
      .filter((n) => n !== '');
    const family = trace.signals[type];
    const hits = trace.matched_signals[type] ?? [];
    if (hits.length > 0) matched[evalKey] = [...hits];
    if (names.length === 0 || !family) continue;
    if (family.used) used[evalKey] = names;
    const missed = names.filter(
      (name) => !hits.some((hit) => hit === name || hit.startsWith(`${name}:`)),
    );
    if (missed.length > 0) unmatched[evalKey] = missed;
    if (family.status !== 'skipped') {
      const confidences = hits.map((hit) => trace.signal_confidences[`${type}:${hit}`] ?? 1);
      metrics[type] = {
        execution_time_ms: family.latency_ms,
        confidence: confidences.length > 0 ? Math.max(...confidences) : 0,
      };
    }
  }
  const projections = trace.matched_signals['projection'] ?? [];
  if (projections.length > 0) matched['projection'] = [...projections];

  const executionRequired = trace.selection.status === 'execution_required';
  return {
    original_text: trace.text,
    requested_model: trace.requested_model,
    recipe: trace.recipe ?? 'default',
    decision_result: {
      decision_name: trace.decision ?? '',
      algorithm: trace.algorithm ?? 'static',
      plugins: trace.plugins.map((p) => p.type),
      used_signals: used,
      matched_signals: matched,
      unmatched_signals: unmatched,
    },
    ...(withTrace
      ? {
          eval_trace: trace.decisions.map((d) => ({
            decision_name: d.name,
            matched: d.matched,
            confidence: d.confidence,
            root_trace: d.root,
          })),
        }
      : {}),
    recommended_models: trace.recommended_models,
    routing_decision: trace.decision ?? '',
    ...(!executionRequired && trace.model ? { selected_model: trace.model } : {}),
    selection_status: trace.selection.status,
    selection_method: trace.selection.method,
    selection_reason: trace.selection.reason,
    metrics,
    signal_confidences: trace.signal_confidences,
    signal_values: trace.signal_values,
    signal_errors: trace.signal_errors,
    unavailable_signals: trace.unavailable_signals,
  };
}
