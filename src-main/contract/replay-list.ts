import { z } from 'zod';
import { LocalitySchema } from './lanes';
import { RoutingRecordViewSchema } from './replay-record';

// The Replay page's list: stored routing records newest first, filtered, a
// page at a time through a keyset cursor (a page never shifts when new
// records arrive). A list row leaves out the bodies and the trace; the
// detail panel reads those through `replay.record`.

export const REPLAY_PAGE_MAX = 500;

const name = z.string().min(1).max(200);
const isoTime = z.iso.datetime({ offset: true });

export const ReplayFiltersSchema = z
  .object({
    /** Full-text search over the prompt, the decision and the alias. */
    text: z.string().min(1).max(500).optional(),
    decision: name.optional(),
    /** The model alias the router chose. */
    alias: name.optional(),
    lane: name.optional(),
    locality: LocalitySchema.optional(),
    private: z.boolean().optional(),
    status: RoutingRecordViewSchema.shape.lifecycle_state.optional(),
    /** ISO times, inclusive. */
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .strict();

export const ReplayListInputSchema = ReplayFiltersSchema.extend({
  /** An import's name (`replay.imports`): list its records instead of this machine's. */
  source: name.optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(REPLAY_PAGE_MAX).optional(),
}).strict();

export const ReplayListItemSchema = RoutingRecordViewSchema.pick({
  id: true,
  created_at: true,
  conversation_id: true,
  decision: true,
  confidence: true,
  selected_model: true,
  lane_id: true,
  locality: true,
  private: true,
  lifecycle_state: true,
  streaming: true,
  duration_ms: true,
  total_tokens: true,
  actual_cost: true,
  cost_savings: true,
  currency: true,
  prompt: true,
  prompt_truncated: true,
});

export const ReplayListSchema = z.object({
  records: z.array(ReplayListItemSchema),
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const ReplayExportInputSchema = ReplayFiltersSchema;

export const ReplayExportSchema = z.object({
  /** The lossless JSONL export: a header line, then one record per line. */
  text: z.string(),
  fileName: z.string(),
  count: z.number().int(),
});

export type ReplayFilters = z.infer<typeof ReplayFiltersSchema>;
export type ReplayListInput = z.infer<typeof ReplayListInputSchema>;
export type ReplayListItem = z.infer<typeof ReplayListItemSchema>;
export type ReplayList = z.infer<typeof ReplayListSchema>;
export type ReplayExport = z.infer<typeof ReplayExportSchema>;
