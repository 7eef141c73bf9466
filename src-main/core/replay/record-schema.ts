import { z } from 'zod';
import {
  RecordLaneAttemptSchema,
  RecordPrivacyReasonSchema,
  RoutingRecordViewSchema,
} from '../../contract';
import type { RoutingRecord } from './record-types';

// A routing record as an export carries it, checked field by field before an
// import stores it. The fields are the contract's record view (the one shape a
// record has), narrowed where a stored record promises more: whole and
// non-negative counts, ISO times, the known kinds of reason and source.
// Objects are strict: a field this Homelane does not know would be lost on
// import, so the record is refused instead.

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const duration = z.number().nonnegative();

const PrivacyReasonSchema = z.strictObject({
  ...RecordPrivacyReasonSchema.shape,
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
  message_index: count.optional(),
});

const LaneAttemptSchema = z.strictObject({
  ...RecordLaneAttemptSchema.shape,
  source: z.enum(['selected', 'model_ref', 'default_model', 'guard_reroute']),
  latency_ms: duration.optional(),
});

export const RoutingRecordSchema = z.strictObject({
  ...RoutingRecordViewSchema.shape,
  id: z.string().min(1).max(200),
  created_at: isoTime,
  conversation_id: z.string().min(1).nullable(),
  decision_tier: z.number().int().nullable(),
  decision_priority: z.number().int().nullable(),
  privacy_reasons: z.array(PrivacyReasonSchema),
  fallback_chain: z.array(LaneAttemptSchema),
  routing_ms: duration.nullable(),
  ttft_ms: duration.nullable(),
  duration_ms: duration.nullable(),
  ended_at: isoTime.nullable(),
  prompt_tokens: count.nullable(),
  completion_tokens: count.nullable(),
  total_tokens: count.nullable(),
  cached_prompt_tokens: count.nullable(),
  cache_write_tokens: count.nullable(),
}) satisfies z.ZodType<RoutingRecord>;

/** The record's field names, in the order an export writes them. */
export const RECORD_FIELDS = Object.keys(RoutingRecordSchema.shape) as (keyof RoutingRecord)[];
