import type { LaneAttempt } from '../lanes/fallback';
import type { PrivacyReason } from '../router/trace';

/** One routed request as stored and exported (JSON names follow upstream's replay record). */
export interface RoutingRecord {
  id: string;
  created_at: string;
  conversation_id: string | null;
  recipe: string | null;
  decision: string | null;
  decision_tier: number | null;
  decision_priority: number | null;
  confidence: number | null;
  original_model: string;
  selected_model: string | null;
  upstream_model: string | null;
  selection_method: string | null;
  reasoning_mode: 'on' | 'off';
  lane_id: string | null;
  locality: 'local' | 'lan' | 'cloud' | null;
  private: boolean;
  privacy_reasons: PrivacyReason[];
  fallback_chain: LaneAttempt[];
  lifecycle_state: LifecycleState;
  terminal_reason: string | null;
  streaming: boolean;
  routing_ms: number | null;
  ttft_ms: number | null;
  duration_ms: number | null;
  ended_at: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cached_prompt_tokens: number | null;
  cache_write_tokens: number | null;
  actual_cost: number | null;
  baseline_cost: number | null;
  cost_savings: number | null;
  currency: string | null;
  baseline_model: string | null;
  prompt: string;
  prompt_truncated: boolean;
  request_body: string | null;
  request_body_truncated: boolean;
  response_body: string | null;
  response_body_truncated: boolean;
  /** Matched signal names per type. */
  signals: Record<string, string[]>;
  /** The routing trace, its texts masked. */
  trace: Record<string, unknown>;
}

export type LifecycleState = 'in_progress' | 'completed' | 'failed' | 'aborted';

/** What is known when the answer has ended (or failed). */
export interface RecordOutcome {
  lifecycle_state: Exclude<LifecycleState, 'in_progress'>;
  terminal_reason?: string;
  lane_id?: string;
  locality?: 'local' | 'lan' | 'cloud';
  fallback_chain?: LaneAttempt[];
  ttft_ms?: number;
  duration_ms?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  actual_cost?: number;
  baseline_cost?: number;
  cost_savings?: number;
  currency?: string;
  baseline_model?: string;
  response_body?: string;
}
