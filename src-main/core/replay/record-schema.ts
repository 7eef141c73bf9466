import { z } from 'zod';
import type { RoutingRecord } from './record-types';

// A routing record as an export carries it, checked field by field before an
// import stores it. Objects are strict: a field this Homelane does not know
// would be lost on import, so the record is refused instead.

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const locality = z.enum(['local', 'lan', 'cloud']);

const PrivacyReasonSchema = z.strictObject({
  kind: z.enum([
    'detector',
    'marker',
    'signal',
    'taint',
    'memory',
    'guard_reroute',
    'guard_blocked',
    'override',
  ]),
  detail: z.string(),
  message_index: z.number().int().nonnegative().optional(),
  role: z.string().optional(),
});

const LaneAttemptSchema = z.strictObject({
  lane_id: z.string(),
  alias: z.string(),
  source: z.enum(['selected', 'model_ref', 'default_model', 'guard_reroute']),
  outcome: z.enum(['answered', 'failed', 'refused_by_guard', 'unroutable']),
  reason: z.string().optional(),
  code: z.string().optional(),
  latency_ms: z.number().nonnegative().optional(),
});

export const RoutingRecordSchema = z.strictObject({
  id: z.string().min(1).max(200),
  created_at: isoTime,
  conversation_id: z.string().min(1).nullable(),
  recipe: z.string().nullable(),
  decision: z.string().nullable(),
  decision_tier: z.number().int().nullable(),
  decision_priority: z.number().int().nullable(),
  confidence: z.number().nullable(),
  original_model: z.string(),
  selected_model: z.string().nullable(),
  upstream_model: z.string().nullable(),
  selection_method: z.string().nullable(),
  reasoning_mode: z.enum(['on', 'off']),
  lane_id: z.string().nullable(),
  locality: locality.nullable(),
  private: z.boolean(),
  privacy_reasons: z.array(PrivacyReasonSchema),
  fallback_chain: z.array(LaneAttemptSchema),
  lifecycle_state: z.enum(['in_progress', 'completed', 'failed', 'aborted']),
  terminal_reason: z.string().nullable(),
  streaming: z.boolean(),
  routing_ms: z.number().nonnegative().nullable(),
  ttft_ms: z.number().nonnegative().nullable(),
  duration_ms: z.number().nonnegative().nullable(),
  ended_at: isoTime.nullable(),
  prompt_tokens: count.nullable(),
  completion_tokens: count.nullable(),
  total_tokens: count.nullable(),
  cached_prompt_tokens: count.nullable(),
  cache_write_tokens: count.nullable(),
  actual_cost: z.number().nullable(),
  baseline_cost: z.number().nullable(),
  cost_savings: z.number().nullable(),
  currency: z.string().nullable(),
  baseline_model: z.string().nullable(),
  prompt: z.string(),
  prompt_truncated: z.boolean(),
  request_body: z.string().nullable(),
  request_body_truncated: z.boolean(),
  response_body: z.string().nullable(),
  response_body_truncated: z.boolean(),
  signals: z.record(z.string(), z.array(z.string())),
  trace: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<RoutingRecord>;

/** The record's field names, in the order an export writes them. */
export const RECORD_FIELDS = Object.keys(RoutingRecordSchema.shape) as (keyof RoutingRecord)[];
