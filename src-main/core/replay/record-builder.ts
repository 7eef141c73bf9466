import { newTraceId } from '../router/trace-id';
import { maskSensitive } from '../privacy/redact-value';
import type { RoutingTrace } from '../router/trace';
import { capture } from './capture';
import type { RoutingRecord } from './record-types';
import type { ReplaySettings } from './replay-settings';

export interface NewRecordInput {
  /** The client's body as it arrived, before any rewrite. */
  body: unknown;
  conversationId?: string;
  streaming: boolean;
  routingMs: number;
  settings: ReplaySettings;
  now?: Date;
  /** The id, when the caller needed it before the record was built. */
  id?: string;
}

/**
 * 32 hex digits, like upstream's replay ids; the first 12 are the creation
 * millisecond, so ids sort by time and land at the end of their index.
 */
export function newRecordId(now: Date): string {
  return now.getTime().toString(16).padStart(12, '0') + newTraceId().slice(12);
}

/** The record of a request at routing time; its outcome is filled in when the answer ends. */
export function newRecord(trace: RoutingTrace, input: NewRecordInput): RoutingRecord {
  const now = input.now ?? new Date();
  const prompt = capture(trace.text, input.settings.maxBodyBytes);
  const request = input.settings.captureRequestBody
    ? capture(JSON.stringify(input.body), input.settings.maxBodyBytes)
    : undefined;
  const signals = Object.fromEntries(
    Object.entries(trace.matched_signals).filter(([, names]) => names.length > 0),
  );
  return {
    id: input.id ?? newRecordId(now),
    created_at: now.toISOString(),
    conversation_id: input.conversationId ?? null,
    recipe: trace.recipe,
    decision: trace.decision,
    decision_tier: trace.decision_tier,
    decision_priority: trace.decision_priority,
    confidence: trace.decision_confidence,
    original_model: trace.requested_model,
    selected_model: trace.model,
    upstream_model: trace.upstream_model,
    selection_method: trace.selection.method,
    reasoning_mode: trace.reasoning.enabled ? 'on' : 'off',
    lane_id: null,
    locality: trace.locality,
    private: trace.private,
    privacy_reasons: trace.privacy_reasons,
    fallback_chain: [],
    lifecycle_state: 'in_progress',
    terminal_reason: null,
    streaming: input.streaming,
    routing_ms: input.routingMs,
    ttft_ms: null,
    duration_ms: null,
    ended_at: null,
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    cached_prompt_tokens: null,
    cache_write_tokens: null,
    actual_cost: null,
    baseline_cost: null,
    cost_savings: null,
    currency: null,
    baseline_model: null,
    prompt: prompt.text,
    prompt_truncated: prompt.truncated,
    request_body: request?.text ?? null,
    request_body_truncated: request?.truncated ?? false,
    response_body: null,
    response_body_truncated: false,
    signals,
    // The trace keeps the prompt text too: masked and capped like the prompt.
    trace: {
      ...(maskSensitive({ ...trace, text: '' }) as Record<string, unknown>),
      text: prompt.text,
    },
  };
}
