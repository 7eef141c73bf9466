import { z } from 'zod';

// One stored routing record by its id: what a chat reply's badge opens (the
// full trace, the fallback chain, timings, tokens and cost). The same object
// GET /api/v1/replay/:id serves; field names follow upstream's replay record.

export const RECORD_ID_MAX = 100;

export const ReplayRecordInputSchema = z
  .object({
    recordId: z.string().min(1).max(RECORD_ID_MAX),
    /** An import's name (`replay.imports`): read the record from it. */
    source: z.string().min(1).max(200).optional(),
  })
  .strict();

const Locality = z.enum(['local', 'lan', 'cloud']);
const count = z.number().nullable();

export const RecordLaneAttemptSchema = z.object({
  lane_id: z.string(),
  alias: z.string(),
  source: z.string(),
  outcome: z.enum(['answered', 'failed', 'refused_by_guard', 'unroutable']),
  reason: z.string().optional(),
  code: z.string().optional(),
  latency_ms: z.number().optional(),
});

export const RecordPrivacyReasonSchema = z.object({
  kind: z.string(),
  detail: z.string(),
  message_index: z.number().optional(),
  role: z.string().optional(),
});

export const RoutingRecordViewSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  conversation_id: z.string().nullable(),
  recipe: z.string().nullable(),
  decision: z.string().nullable(),
  decision_tier: count,
  decision_priority: count,
  confidence: count,
  original_model: z.string(),
  selected_model: z.string().nullable(),
  upstream_model: z.string().nullable(),
  selection_method: z.string().nullable(),
  reasoning_mode: z.enum(['on', 'off']),
  lane_id: z.string().nullable(),
  locality: Locality.nullable(),
  private: z.boolean(),
  privacy_reasons: z.array(RecordPrivacyReasonSchema),
  fallback_chain: z.array(RecordLaneAttemptSchema),
  lifecycle_state: z.enum(['in_progress', 'completed', 'failed', 'aborted']),
  terminal_reason: z.string().nullable(),
  streaming: z.boolean(),
  routing_ms: count,
  ttft_ms: count,
  duration_ms: count,
  ended_at: z.string().nullable(),
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  cached_prompt_tokens: count,
  cache_write_tokens: count,
  actual_cost: count,
  baseline_cost: count,
  cost_savings: count,
  currency: z.string().nullable(),
  baseline_model: z.string().nullable(),
  /** The prompt as kept (masked where the record's settings say so). */
  prompt: z.string(),
  prompt_truncated: z.boolean(),
  request_body: z.string().nullable(),
  request_body_truncated: z.boolean(),
  response_body: z.string().nullable(),
  response_body_truncated: z.boolean(),
  signals: z.record(z.string(), z.array(z.string())),
  /** The routing trace (the one result type), its texts masked. */
  trace: z.record(z.string(), z.unknown()),
});

export const ReplayRecordSchema = z.object({ record: RoutingRecordViewSchema });

export type RecordLaneAttempt = z.infer<typeof RecordLaneAttemptSchema>;
export type RoutingRecordView = z.infer<typeof RoutingRecordViewSchema>;
export type ReplayRecord = z.infer<typeof ReplayRecordSchema>;
